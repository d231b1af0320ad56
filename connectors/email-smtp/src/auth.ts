import { Auth } from '@mova/sdk';
import { withSmtp } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Connect, EHLO, STARTTLS and AUTH, then QUIT, sending nothing: proves host, TLS and login.
  validate: async (connection) => {
    await withSmtp(connection, {}, (transporter) => transporter.verify());
  },
});
