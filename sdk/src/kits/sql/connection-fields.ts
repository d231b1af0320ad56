import { type TSchema, Type } from '@sinclair/typebox';

export interface ServerConnectionOptions<S extends TSchema> {
  /** The connection string: its pattern (`^postgres(ql)?://`) and what it may carry. */
  url: { pattern: string; description: string };
  /** The default port. */
  port: number;
  /** What the user, password and database fields mean for this server, defaults included. */
  user: string;
  password: string;
  database: string;
  /** The `ssl` field: `true`/`false` and the server's own TLS modes, with their meanings. */
  ssl: S;
}

/**
 * The connection of a database server: a connection string, or host and friends. Both forms are
 * common (cloud consoles hand out URLs, self-hosted set-ups hand out fields); `connectionParts`
 * refuses a mix, since which one should win is a guess. `ssl` combines with either form.
 * @example
 * export const connectionFields = serverConnectionFields({ url: { pattern: '^mssql://', description: '…' }, port: 1433, … });
 */
export function serverConnectionFields<S extends TSchema>(options: ServerConnectionOptions<S>) {
  return Type.Object(
    {
      connectionString: Type.Optional(
        Type.String({ pattern: options.url.pattern, writeOnly: true, description: options.url.description }),
      ),
      host: Type.Optional(Type.String({ minLength: 1, description: 'Server host name or IP address' })),
      port: Type.Optional(
        Type.Integer({ minimum: 1, maximum: 65535, description: `Server port (default ${options.port})` }),
      ),
      user: Type.Optional(Type.String({ minLength: 1, description: options.user })),
      password: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: options.password })),
      database: Type.Optional(Type.String({ minLength: 1, description: options.database })),
      ssl: Type.Optional(options.ssl),
    },
    { anyOf: [{ required: ['connectionString'] }, { required: ['host'] }] },
  );
}
