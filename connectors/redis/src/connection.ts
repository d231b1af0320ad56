import { type Static, Type } from '@mova/sdk';

/** The connection of a Redis server: a URL, or host and friends (fields fill in what the URL leaves out). */
export const connectionFields = Type.Object({
  url: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'Connection URL, e.g. redis://user:password@host:6379/0 (rediss:// for TLS). Fields below fill in what it leaves out.',
    }),
  ),
  host: Type.Optional(Type.String({ minLength: 1, description: 'Host name or IP address, when no URL is given' })),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'TCP port (default 6379)' })),
  username: Type.Optional(Type.String({ minLength: 1, description: 'ACL user name (Redis 6+); omit for `default`' })),
  password: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: 'Password (AUTH)' })),
  db: Type.Optional(Type.Integer({ minimum: 0, description: 'Database number to SELECT (default 0)' })),
  tls: Type.Optional(Type.Boolean({ description: 'Connect over TLS (rediss:// URLs imply it)' })),
});

export type RedisConnection = Static<typeof connectionFields>;
