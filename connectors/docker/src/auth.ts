import { Auth } from '@mova/sdk';
import { withDocker } from './client.js';
import { connectionFields } from './connection.js';

/**
 * The daemon's TCP address with its TLS material. `GET /_ping` answers OK for any client the
 * daemon accepts, so it proves the address, the CA and the client certificate.
 */
export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    await withDocker(connection, undefined, (docker) => docker.ping());
  },
});
