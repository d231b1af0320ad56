import { type Static, serviceUrl, Type } from '@mova/sdk';

const secret = (description: string) => Type.Optional(Type.String({ minLength: 1, writeOnly: true, description }));

/**
 * One ServiceNow instance, reached through the host `instanceUrl` names (network.connectionHosts).
 * Basic auth (username and password) or OAuth 2.0 (an access token, refreshed with a refresh token,
 * or fetched with the client credentials grant from the instance's /oauth_token.do).
 */
export const connectionFields = Type.Object({
  instanceUrl: serviceUrl({ description: 'URL of the instance, e.g. https://dev12345.service-now.com' }),
  username: Type.Optional(Type.String({ minLength: 1, description: 'User for basic auth (an integration user)' })),
  password: secret('Password for basic auth'),
  accessToken: secret('OAuth 2.0 access token (instead of username and password)'),
  refreshToken: secret('OAuth 2.0 refresh token, to get new access tokens from the instance’s /oauth_token.do'),
  clientId: Type.Optional(
    Type.String({ minLength: 1, description: 'Client id of the OAuth application registry entry (System OAuth)' }),
  ),
  clientSecret: secret('Client secret of that OAuth application'),
  expiresAt: Type.Optional(Type.Integer({ description: 'Unix time (s) the access token expires' })),
});

export type ServiceNowConnection = Static<typeof connectionFields>;

/** Hosts of ServiceNow-hosted instances (commercial and the US government community cloud). */
export const SERVICENOW_HOSTS = ['*.service-now.com', '*.servicenowservices.com'] as const;
