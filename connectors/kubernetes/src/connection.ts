import { type Static, serviceUrl, Type } from '@mova/sdk';

/**
 * A cluster's API server and credentials: its URL, with a bearer token (a service account's) and
 * the cluster CA, or with a kubeconfig for the credentials. The URL is always a field of its own:
 * it is the host the sandbox lets the connector reach (`network.connectionHosts`), which the
 * runtime cannot read out of a kubeconfig's YAML.
 */
export const connectionFields = Type.Object({
  server: serviceUrl({
    description:
      'API server URL, e.g. https://203.0.113.10:6443 or https://ABC.gr7.eu-west-1.eks.amazonaws.com (with a kubeconfig too: its cluster’s server)',
  }),
  token: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description: 'Bearer token, e.g. of a service account (kubectl create token …)',
    }),
  ),
  ca: Type.Optional(
    Type.String({ minLength: 1, description: 'PEM of the cluster CA that signed the API server’s certificate' }),
  ),
  clientCertificate: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'PEM client certificate, for clusters that authenticate users by certificate',
    }),
  ),
  clientKey: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'PEM private key of that client certificate' }),
  ),
  kubeconfig: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'A kubeconfig file’s text (YAML), instead of server, token and ca; token or client-certificate users only',
    }),
  ),
  context: Type.Optional(
    Type.String({ minLength: 1, description: 'Context of the kubeconfig to use; default its current-context' }),
  ),
});

export type KubernetesConnection = Static<typeof connectionFields>;
