import { type Static, Type } from '@mova/sdk';

/** The connection fields: where the servers are, how to authenticate, and TLS. */
export const connectionFields = Type.Object({
  servers: Type.String({
    minLength: 1,
    description:
      'Server URL, e.g. nats://host:4222 (tls://host:4222 for TLS); for a cluster name several hosts in one URL: nats://a:4222,b:4222,c:4222',
  }),
  token: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Token, for servers set up with token auth' }),
  ),
  username: Type.Optional(Type.String({ minLength: 1, description: 'User name, for user/password auth' })),
  password: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Password, for user/password auth' }),
  ),
  nkeySeed: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'NKey seed of a user (starts with SU), for NKey auth' }),
  ),
  credentials: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'Contents of a .creds file (user JWT and NKey seed), for decentralized JWT auth such as Synadia Cloud',
    }),
  ),
  tls: Type.Optional(
    Type.Boolean({ description: 'Require TLS (implied by tls:// URLs and by `ca` or a client certificate)' }),
  ),
  ca: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "PEM certificate(s) of the authority that signed the server's certificate, for a private CA or a self-signed server",
    }),
  ),
  clientCertificate: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'PEM client certificate, for servers that verify clients by certificate',
    }),
  ),
  clientKey: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'PEM private key of the client certificate' }),
  ),
  jetstreamDomain: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'JetStream domain, when JetStream runs in another domain (e.g. a hub behind a leaf node)',
    }),
  ),
});

export type NatsConnection = Static<typeof connectionFields>;
