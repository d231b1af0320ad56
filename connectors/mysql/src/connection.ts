import { type Static, Type } from '@mova/sdk';

const sslMode = Type.Union([
  Type.Literal('disabled'),
  Type.Literal('required'),
  Type.Literal('verify-ca'),
  Type.Literal('verify-identity'),
]);

/**
 * The fields of a MySQL or MariaDB connection: a connection string, or host and friends. Both forms
 * are common; `client.ts` refuses a mix, since which one should win is a guess. `ssl` goes with
 * either form.
 */
export const connectionFields = Type.Object(
  {
    connectionString: Type.Optional(
      Type.String({
        pattern: '^(mysql|mariadb)://',
        writeOnly: true,
        description:
          'mysql://user:password@host:3306/database, optionally with ?ssl-mode=... or charset=... Use it instead of host, port, user, password and database.',
      }),
    ),
    host: Type.Optional(Type.String({ minLength: 1, description: 'Server host name or IP address' })),
    port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'Server port (default 3306)' })),
    user: Type.Optional(Type.String({ minLength: 1, description: 'User to log in as (default root)' })),
    password: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: 'Password of that user.' })),
    database: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Default database; without one, actions need "database.table" names',
      }),
    ),
    ssl: Type.Optional(
      Type.Union([Type.Boolean(), sslMode], {
        description:
          'TLS, with MySQL\'s --ssl-mode meanings: false or "disabled" (plain), "required" (encrypted, certificate not checked), "verify-ca" (certificate chain checked), true or "verify-identity" (chain and host name checked). Default: plain, or the connection string\'s ssl-mode.',
      }),
    ),
  },
  { anyOf: [{ required: ['connectionString'] }, { required: ['host'] }] },
);

export type Connection = Static<typeof connectionFields>;
export type SslMode = Static<typeof sslMode>;
