import { Auth } from '@mova/sdk';
import { sendgridRequest } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /v3/scopes lists the key's permissions: any valid key may call it, so it proves the key
  // (and the data residency) without needing a particular scope.
  validate: async (connection) => {
    await sendgridRequest(connection, {}, { method: 'GET', url: '/v3/scopes' });
  },
});
