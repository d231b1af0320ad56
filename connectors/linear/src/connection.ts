import { type Static, serviceUrl, Type } from '@mova/sdk';

/** Linear's GraphQL endpoint; the SDK's default too. */
export const LINEAR_API_URL = 'https://api.linear.app/graphql';

/**
 * A personal API key, or an OAuth access token of a Linear OAuth app (one of them). The endpoint is a
 * field for an egress proxy or API gateway in front of api.linear.app and for a local test server;
 * the sandbox lets the connector reach the host it names (`network.connectionHosts`).
 */
export const connectionFields = Type.Object({
  apiKey: Type.Optional(
    Type.String({
      pattern: '^lin_api_',
      writeOnly: true,
      description: 'Personal API key (lin_api_…) from Settings → Security & access; give this or accessToken',
    }),
  ),
  accessToken: Type.Optional(
    Type.String({
      minLength: 1,
      writeOnly: true,
      description: 'OAuth 2.0 access token of a Linear OAuth app (sent as a bearer token); give this or apiKey',
    }),
  ),
  apiUrl: serviceUrl({
    description: `GraphQL endpoint; default ${LINEAR_API_URL}. Change it only to go through an egress proxy or API gateway.`,
    default: LINEAR_API_URL,
  }),
});

export type LinearConnection = Static<typeof connectionFields>;
