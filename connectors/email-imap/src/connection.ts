import { type Static, Type } from '@mova/sdk';
import { mailConnectionFields } from '@mova/sdk/mail';

/** The connection fields: the IMAP server, how the session is encrypted, and the login. */
export const connectionFields = Type.Object({
  host: Type.String({ minLength: 1, description: 'IMAP server host name or IP address, e.g. imap.example.com' }),
  port: Type.Optional(
    Type.Integer({
      minimum: 1,
      maximum: 65535,
      description: 'IMAP port: 993 (implicit TLS, the default with tls) or 143 (starttls and none)',
    }),
  ),
  security: Type.Union([Type.Literal('tls'), Type.Literal('starttls'), Type.Literal('none')], {
    default: 'tls',
    description:
      'tls (default): TLS from the first byte (IMAPS, port 993); starttls: connect in clear and require the STARTTLS upgrade before login (port 143); none: no encryption, for a server on a trusted network',
  }),
  username: Type.String({ minLength: 1, description: 'User name to log in as, usually the mailbox address' }),
  password: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Password (or app password), for LOGIN/AUTH PLAIN' }),
  ),
  ...mailConnectionFields,
});

export type ImapConnection = Static<typeof connectionFields>;
