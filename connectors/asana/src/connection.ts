import { type Static, serviceUrl, Type } from '@mova/sdk';

/** Asana's REST API root; the SDK's default too. */
export const ASANA_API_URL = 'https://app.asana.com/api/1.0';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/**
 * The fields of an Asana connection. Custom rather than Auth.bearer or Auth.oauth2: the same bearer header
 * carries a personal access token (long-lived) or an OAuth access token (one hour, renewed with the refresh
 * token at https://app.asana.com/-/oauth_token), and neither SDK kind has room for both plus the API root.
 */
export const connectionFields = Type.Object(
  {
    accessToken: Type.Optional(
      secret('A personal access token (My settings → Apps → Developer apps), or an OAuth access token.'),
    ),
    refreshToken: Type.Optional(
      secret('OAuth refresh token; with clientId and clientSecret it renews the access token.'),
    ),
    clientId: Type.Optional(Type.String({ minLength: 1, description: 'Client ID of the OAuth app.' })),
    clientSecret: Type.Optional(secret('Client secret of the OAuth app.')),
    expiresAt: Type.Optional(
      Type.Integer({ description: 'Unix time (s) the OAuth access token expires; it is renewed a minute before.' }),
    ),
    apiUrl: Type.Optional(
      serviceUrl({
        description: `API root; default ${ASANA_API_URL}. Only for traffic routed through an API gateway or proxy; tokens are then renewed at /-/oauth_token on the same host.`,
        default: ASANA_API_URL,
      }),
    ),
  },
  {
    dependentRequired: { refreshToken: ['clientId', 'clientSecret'] },
    anyOf: [{ required: ['accessToken'] }, { required: ['refreshToken'] }],
  },
);

export type AsanaConnection = Static<typeof connectionFields>;
