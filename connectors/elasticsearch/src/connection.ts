import { type Static, Type } from '@mova/sdk';

export const connectionFields = Type.Object({
  node: Type.Optional(
    Type.String({
      format: 'uri',
      pattern: '^https?://',
      description:
        'URL of an Elasticsearch node, e.g. https://es.internal:9200 or an Elastic Cloud endpoint such as https://my-deployment.es.us-central1.gcp.cloud.es.io (give this or cloudId)',
    }),
  ),
  cloudId: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Cloud ID of an Elastic Cloud Hosted deployment, from its console (give this or node)',
    }),
  ),
  apiKey: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description:
        'API key: the base64 "encoded" value Kibana shows, or id:api_key (give this or username and password)',
    }),
  ),
  username: Type.Optional(Type.String({ minLength: 1, description: 'User for basic authentication, e.g. elastic' })),
  password: Type.Optional(
    Type.String({ minLength: 1, writeOnly: true, description: 'Password for basic authentication' }),
  ),
  caCertificate: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        "PEM certificate of the CA that signed the cluster's HTTPS certificate (a self-managed cluster's http_ca.crt)",
    }),
  ),
  caFingerprint: Type.Optional(
    Type.String({
      pattern: '^([0-9A-Fa-f]{2}:?){32}$',
      description:
        'SHA-256 fingerprint of that CA certificate, as Elasticsearch prints it at first start (instead of caCertificate)',
    }),
  ),
});

export type ElasticsearchConnection = Static<typeof connectionFields>;

/** Hosts of Elastic Cloud Hosted deployments that a Cloud ID may name (they are in network.allow). */
export const ELASTIC_CLOUD_DOMAINS = ['cloud.es.io', 'found.io', 'elastic-cloud.com', 'elastic.cloud'] as const;
