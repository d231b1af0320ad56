import { Auth } from '@mova/sdk';
import { withFtp } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    // Logging in (after the TLS handshake with FTPS) and asking for the working folder proves it all.
    await withFtp(connection, {}, (ftp) => ftp.pwd());
  },
});
