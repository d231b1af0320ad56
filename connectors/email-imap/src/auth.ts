import { Auth } from '@mova/sdk';
import { withImap } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Connect, upgrade to TLS, log in and select nothing: proves host, TLS and credentials.
  validate: async (connection) => {
    await withImap(connection, {}, async () => {});
  },
});
