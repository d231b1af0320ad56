import { type Static, Type } from '@mova/sdk';
import { serverConnectionFields } from '@mova/sdk/sql';

const sslMode = Type.Union([
  Type.Literal('disable'),
  Type.Literal('require'),
  Type.Literal('verify-ca'),
  Type.Literal('verify-full'),
]);

/** The fields of a PostgreSQL connection: a connection string, or host and friends. */
export const connectionFields = serverConnectionFields({
  url: {
    pattern: '^postgres(ql)?://',
    description:
      'postgres://user:password@host:5432/database, optionally with ?sslmode=..., channel_binding=... or application_name=... Use it instead of host, port, user, password and database.',
  },
  port: 5432,
  user: 'Database role to log in as (default postgres)',
  password: 'Password of that role.',
  database: 'Database name (default: the user name)',
  ssl: Type.Union([Type.Boolean(), sslMode], {
    description:
      'TLS, with libpq\'s meanings: false or "disable" (plain), "require" (encrypted, certificate not checked), "verify-ca" (certificate chain checked), true or "verify-full" (chain and host name checked). Default: plain, or the connection string\'s sslmode.',
  }),
});

export type Connection = Static<typeof connectionFields>;
export type SslMode = Static<typeof sslMode>;
