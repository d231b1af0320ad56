import { type Static, serviceUrl, Type } from '@mova/sdk';

/**
 * Where the Docker Engine API listens and how to trust it. The daemon is reached over TCP only:
 * the sandbox's egress guard refuses every unix socket, so /var/run/docker.sock cannot be offered
 * (see README). A daemon exposed with `--tlsverify` wants the client certificate and key its CA
 * signed; plain http is accepted only on a loopback address.
 */
export const connectionFields = Type.Object({
  url: serviceUrl({
    description:
      'Docker Engine API over TCP: https://docker.example.com:2376 for a daemon with TLS, or http://127.0.0.1:2375 on this machine',
  }),
  ca: Type.Optional(
    Type.String({ minLength: 1, description: "PEM of the CA that signed the daemon's certificate (ca.pem)" }),
  ),
  cert: Type.Optional(
    Type.String({ minLength: 1, description: 'PEM client certificate for a daemon run with --tlsverify (cert.pem)' }),
  ),
  key: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'PEM private key of that client certificate (key.pem)' }),
  ),
  apiVersion: Type.Optional(
    Type.String({
      pattern: '^v?1\\.[0-9]+$',
      description: "Engine API version to speak, e.g. 1.44; default: the daemon's own",
    }),
  ),
  registryUsername: Type.Optional(
    Type.String({ minLength: 1, description: 'Registry user for pulling private images (sent as X-Registry-Auth)' }),
  ),
  registryPassword: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Registry password or access token for that user' }),
  ),
  registryServer: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Registry the credentials are for, e.g. ghcr.io; default Docker Hub (https://index.docker.io/v1/)',
    }),
  ),
});

export type DockerConnection = Static<typeof connectionFields>;
