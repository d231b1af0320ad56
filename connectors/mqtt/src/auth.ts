import { Auth } from '@mova/sdk';
import { withMqtt } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    // A CONNACK with reason 0 proves the address, the TLS trust and the credentials.
    await withMqtt(connection, {}, async () => {});
  },
});
