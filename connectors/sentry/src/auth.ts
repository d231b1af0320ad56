import { Auth } from '@mova/sdk';
import { withSentry } from './client.js';
import { connectionFields } from './connection.js';

/**
 * A Sentry auth token: a user auth token, an internal integration's token or an organization token,
 * sent as Bearer. `GET /organizations/<slug>/` proves the URL, the token and the slug at once.
 */
export const auth = Auth.bearer({
  description: 'Sentry auth token (User Auth Tokens, an internal integration, or an organization token)',
  fields: connectionFields,
  validate: async (connection) => {
    await withSentry(connection, undefined, (http) => http.get('/'));
  },
});
