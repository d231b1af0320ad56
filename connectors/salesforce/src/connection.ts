import { type Static, Type } from '@mova/sdk';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/**
 * An https URL on any host: besides My Domain (*.my.salesforce.com) and sandboxes, Experience Cloud sites
 * (*.my.site.com or the customer's own domain) serve the API too, so the host is not pinned to
 * salesforce.com; the sandbox lets the connector reach the host a connection names
 * (`network.connectionHosts`). Plain http only on a loopback address (a local proxy or test server), so
 * a token never crosses a network in clear.
 */
const orgUrl = (description: string, defaultUrl?: string) =>
  Type.String({
    pattern:
      '^(https://[A-Za-z0-9.-]+(:[0-9]{1,5})?|http://(localhost|127(\\.[0-9]{1,3}){3}|\\[::1\\])(:[0-9]{1,5})?)(/[^\\s?#]*)?$',
    description,
    ...(defaultUrl ? { default: defaultUrl } : {}),
  });

/**
 * The fields of a Salesforce connection. Custom rather than Auth.oauth2: Salesforce issues tokens for
 * one org's own host (`instance_url` in the token answer) and every API call goes there, but the SDK's
 * oauth2 value has no field for it. The refresh fields are optional: with them jsforce renews an
 * expired access token by itself (refresh_token grant at `loginUrl`) and retries the call.
 */
export const connectionFields = Type.Object(
  {
    instanceUrl: orgUrl(
      'The org’s URL that API calls go to: instance_url of the token answer, e.g. https://acme.my.salesforce.com, https://acme--uat.sandbox.my.salesforce.com or an Experience Cloud site’s URL.',
    ),
    accessToken: secret('OAuth access token (or session ID) for the org.'),
    refreshToken: Type.Optional(secret('OAuth refresh token, to renew the access token when it expires.')),
    clientId: Type.Optional(
      Type.String({ minLength: 1, description: 'Consumer key of the connected app; needed with refreshToken.' }),
    ),
    clientSecret: Type.Optional(secret('Consumer secret of the connected app, if it requires one to refresh.')),
    loginUrl: orgUrl(
      'Where tokens are refreshed: https://login.salesforce.com, https://test.salesforce.com for sandboxes, or the org’s My Domain URL.',
      'https://login.salesforce.com',
    ),
    apiVersion: Type.String({
      default: '62.0',
      pattern: '^\\d{2,3}\\.0$',
      description: 'REST API version to call, e.g. 62.0.',
    }),
  },
  { dependentRequired: { refreshToken: ['clientId'] } },
);

export type SalesforceConnection = Static<typeof connectionFields>;
