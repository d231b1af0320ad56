import { Auth } from '@mova/sdk';
import { withNats } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    // The CONNECT handshake and a PING/PONG prove the address, TLS trust and credentials.
    await withNats(connection, {}, (nc) => nc.flush());
  },
});
