import { Auth } from '@mova/sdk';
import { withSftp } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    // Logging in and opening the SFTP subsystem proves the host key, the credentials and SFTP access.
    await withSftp(connection, {}, async () => {});
  },
});
