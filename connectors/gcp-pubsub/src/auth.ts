import { Auth } from '@mova/sdk';
import { withPubSub } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Listing one topic of the project proves the token works and the project is reachable.
  validate: async (connection) => {
    const ctx = { actionKey: 'validate', signal: AbortSignal.timeout(60_000) };
    await withPubSub(connection, ctx, (pubsub) =>
      pubsub.http.get(`/projects/${pubsub.project()}/topics`, { query: { pageSize: 1 } }),
    );
  },
});
