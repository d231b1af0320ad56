import { Auth } from '@mova/sdk';
import { withRest } from './client.js';
import { connectionFields } from './connection.js';

/**
 * A REST API key or OAuth token, and/or a default Events API routing key. `GET /abilities` answers
 * for any valid REST token, read-only keys included, so it proves the token and the region; a
 * connection with only a routing key has nothing to check without sending an event.
 */
export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    if (!connection.apiToken && connection.routingKey) return;
    await withRest(connection, undefined, (http) => http.get('/abilities'));
  },
});
