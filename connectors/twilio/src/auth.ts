import { Auth } from '@mova/sdk';
import { withTwilio } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /2010-04-01/Accounts/{AccountSid}.json: one cheap read that proves the SID and the secret.
  validate: async (connection) => {
    await withTwilio(connection, {}, (client) => client.api.v2010.accounts(connection.accountSid).fetch());
  },
});
