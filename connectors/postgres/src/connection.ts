import { type Static, Type } from '@mova/sdk';

const sslMode = Type.Union([
  Type.Literal('disable'),
  Type.Literal('require'),
  Type.Literal('verify-ca'),
  Type.Literal('verify-full'),
]);

/**
 * The fields of a PostgreSQL connection: a connection string, or host and friends. Both forms are
 * common (cloud consoles hand out URLs, self-hosted set-ups hand out fields); `client.ts` refuses a
 * mix, since which one should win is a guess. `ssl` combines with either form.
 */
export const connectionFields = Type.Object(
  {
    connectionString: Type.Optional(
      Type.String({
        pattern: '^postgres(ql)?://',
        writeOnly: true,
        description:
          'postgres://user:password@host:5432/database, optionally with ?sslmode=..., channel_binding=... or application_name=... Use it instead of host, port, user, password and database.',
      }),
    ),
    host: Type.Optional(Type.String({ minLength: 1, description: 'Server host name or IP address' })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Server port (default 5432)' })),
    user: Type.Optional(Type.String({ minLength: 1, description: 'Database role to log in as (default postgres)' })),
    password: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: 'Password of that role.' })),
    database: Type.Optional(Type.String({ minLength: 1, description: 'Database name (default: the user name)' })),
    ssl: Type.Optional(
      Type.Union([Type.Boolean(), sslMode], {
        description:
          'TLS, with libpq\'s meanings: false or "disable" (plain), "require" (encrypted, certificate not checked), "verify-ca" (certificate chain checked), true or "verify-full" (chain and host name checked). Default: plain, or the connection string\'s sslmode.',
      }),
    ),
  },
  { anyOf: [{ required: ['connectionString'] }, { required: ['host'] }] },
);

export type Connection = Static<typeof connectionFields>;
export type SslMode = Static<typeof sslMode>;
