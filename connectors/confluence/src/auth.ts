import { Auth } from '@mova/sdk';
import { withConfluence } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // One space: the cheapest authenticated v2 call, proving the site URL and the credentials.
  validate: async (connection) => {
    await withConfluence(connection, undefined, (api) => api.http.get('/api/v2/spaces', { query: { limit: 1 } }));
  },
});
