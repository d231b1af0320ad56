import { Auth } from '@mova/sdk';
import { withChannel } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    // Opening a channel proves the handshake, the credentials and the vhost permission.
    await withChannel(connection, {}, async () => {});
  },
});
