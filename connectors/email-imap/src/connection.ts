import { type Static, Type } from '@mova/sdk';

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
  accessToken: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'OAuth 2.0 access token for AUTH XOAUTH2 (Gmail, Microsoft 365), instead of the password; it is sent as it is, not refreshed',
    }),
  ),
  ca: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "PEM certificate(s) to trust besides the system's: a private CA, or the server's own self-signed certificate",
    }),
  ),
  servername: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Name to check the server certificate against, when it differs from host',
    }),
  ),
});

export type ImapConnection = Static<typeof connectionFields>;
