import { type Static, Type } from '@mova/sdk';

/** The connection of a RabbitMQ broker: an AMQP URL, or host and friends. */
export const connectionFields = Type.Object({
  url: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'AMQP URL, e.g. amqp://user:password@host:5672/vhost (amqps:// for TLS). When set, the fields below must be left out.',
    }),
  ),
  host: Type.Optional(
    Type.String({ minLength: 1, description: 'Broker host name or IP address, when no URL is given' }),
  ),
  port: Type.Optional(Type.Integer({ minimum: 1, maximum: 65535, description: 'TCP port (5672, or 5671 with TLS)' })),
  username: Type.Optional(Type.String({ minLength: 1, description: 'User name (default guest)' })),
  password: Type.Optional(Type.String({ minLength: 1, writeOnly: true, description: 'Password (default guest)' })),
  vhost: Type.Optional(Type.String({ description: 'Virtual host (default /)' })),
  tls: Type.Optional(Type.Boolean({ description: 'Connect over TLS (amqps)' })),
});

export type RabbitConnection = Static<typeof connectionFields>;
