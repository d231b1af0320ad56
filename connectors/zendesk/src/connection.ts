import { type Static, serviceUrl, Type } from '@mova/sdk';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/**
 * The fields of a Zendesk Support connection. Every account has its own host, https://<subdomain>.zendesk.com,
 * so the subdomain is a field; `apiUrl` replaces the whole root for the few accounts that reach the API
 * through a gateway or proxy (and for a loopback test server). Custom rather than Auth.basic or
 * Auth.bearer: the same connection takes either an agent's email plus API token (basic auth as
 * `email/token:apitoken`) or an OAuth access token, and neither SDK kind has room for the subdomain.
 */
export const connectionFields = Type.Object(
  {
    subdomain: Type.String({
      pattern: '^[a-z0-9][a-z0-9-]{0,62}$',
      description: 'Your Zendesk subdomain: acme for https://acme.zendesk.com.',
    }),
    apiUrl: Type.Optional(
      serviceUrl({
        description:
          'Only when the API is reached through a gateway or proxy: its root, used instead of https://<subdomain>.zendesk.com.',
      }),
    ),
    email: Type.Optional(
      Type.String({ minLength: 3, description: 'Email of the agent or admin the API token acts as (API token auth).' }),
    ),
    apiToken: Type.Optional(secret('API token from Admin Center → Apps and integrations → Zendesk API.')),
    accessToken: Type.Optional(secret('OAuth access token (instead of email and API token).')),
  },
  {
    dependentRequired: { apiToken: ['email'], email: ['apiToken'] },
    anyOf: [{ required: ['apiToken'] }, { required: ['accessToken'] }],
  },
);

export type ZendeskConnection = Static<typeof connectionFields>;
