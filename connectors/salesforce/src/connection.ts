import { type Static, Type } from '@mova/sdk';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/**
 * The fields of a Salesforce connection. Custom rather than Auth.oauth2: Salesforce issues tokens for
 * one org's own host (`instance_url` in the token answer) and every API call goes there, but the SDK's
 * oauth2 value has no field for it. The refresh fields are optional: with them jsforce renews an
 * expired access token by itself (refresh_token grant at `loginUrl`) and retries the call.
 */
export const connectionFields = Type.Object(
  {
    instanceUrl: Type.String({
      pattern: '^https://[A-Za-z0-9.-]+\\.(salesforce|force)\\.com/?$',
      description: 'The org’s My Domain URL, e.g. https://acme.my.salesforce.com (instance_url of the token answer).',
    }),
    accessToken: secret('OAuth access token (or session ID) for the org.'),
    refreshToken: Type.Optional(secret('OAuth refresh token, to renew the access token when it expires.')),
    clientId: Type.Optional(
      Type.String({ minLength: 1, description: 'Consumer key of the connected app; needed with refreshToken.' }),
    ),
    clientSecret: Type.Optional(secret('Consumer secret of the connected app, if it requires one to refresh.')),
    loginUrl: Type.String({
      default: 'https://login.salesforce.com',
      pattern: '^https://[A-Za-z0-9.-]+\\.(salesforce|force)\\.com/?$',
      description:
        'Where tokens are refreshed: https://login.salesforce.com, https://test.salesforce.com for sandboxes, or the My Domain URL.',
    }),
    apiVersion: Type.String({
      default: '62.0',
      pattern: '^\\d{2,3}\\.0$',
      description: 'REST API version to call, e.g. 62.0.',
    }),
  },
  { dependentRequired: { refreshToken: ['clientId'] } },
);

export type SalesforceConnection = Static<typeof connectionFields>;
