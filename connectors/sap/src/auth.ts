import { Auth } from '@mova/sdk';
import { withSap } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // The service document: proves the URL, the credentials and the user's access to the service, reads no data.
  validate: async (connection) => {
    await withSap(connection, undefined, (api) => api.read('/'));
  },
});
