import { type Static, Type } from '@mova/sdk';
import { serverConnectionFields } from '@mova/sdk/sql';

const sslMode = Type.Union([
  Type.Literal('disabled'),
  Type.Literal('required'),
  Type.Literal('verify-ca'),
  Type.Literal('verify-identity'),
]);

/** The fields of a MySQL or MariaDB connection: a connection string, or host and friends. */
export const connectionFields = serverConnectionFields({
  url: {
    pattern: '^(mysql|mariadb)://',
    description:
      'mysql://user:password@host:3306/database, optionally with ?ssl-mode=... or charset=... Use it instead of host, port, user, password and database.',
  },
  port: 3306,
  user: 'User to log in as (default root)',
  password: 'Password of that user.',
  database: 'Default database; without one, actions need "database.table" names',
  ssl: Type.Union([Type.Boolean(), sslMode], {
    description:
      'TLS, with MySQL\'s --ssl-mode meanings: false or "disabled" (plain), "required" (encrypted, certificate not checked), "verify-ca" (certificate chain checked), true or "verify-identity" (chain and host name checked). Default: plain, or the connection string\'s ssl-mode.',
  }),
});

export type Connection = Static<typeof connectionFields>;
export type SslMode = Static<typeof sslMode>;
