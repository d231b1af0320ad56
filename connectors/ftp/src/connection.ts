import { type Static, Type } from '@mova/sdk';

/** The connection fields: the server, the login, and FTPS. */
export const connectionFields = Type.Object({
  host: Type.String({ minLength: 1, description: 'FTP server host name or IP address' }),
  port: Type.Optional(
    Type.Integer({ minimum: 1, maximum: 65535, description: 'Control port (default 21, or 990 with implicit TLS)' }),
  ),
  username: Type.String({ minLength: 1, default: 'anonymous', description: 'User name (default anonymous)' }),
  password: Type.Optional(Type.String({ writeOnly: true, description: 'Password' })),
  tls: Type.Union([Type.Literal('none'), Type.Literal('explicit'), Type.Literal('implicit')], {
    default: 'none',
    description:
      'FTPS: explicit (AUTH TLS on the normal port, the usual one), implicit (TLS from the first byte, port 990), or none for plain FTP',
  }),
  ca: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "PEM certificate(s) to trust for FTPS besides the system's: a private CA, or the server's own self-signed certificate, which then is the only one accepted",
    }),
  ),
  servername: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Name to check the server certificate against, when it differs from the host',
    }),
  ),
});

export type FtpConnection = Static<typeof connectionFields>;
