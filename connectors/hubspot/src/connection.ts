import { type Static, serviceUrl, Type } from '@mova/sdk';

/** HubSpot's API root for accounts in every data center; the SDK's default too. */
export const HUBSPOT_API_URL = 'https://api.hubapi.com';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/**
 * The fields of a HubSpot connection. Custom rather than Auth.bearer or Auth.oauth2: the same
 * `Authorization: Bearer` header carries either a private app's access token (which never expires) or an
 * OAuth access token (30 minutes, renewed with the refresh token), and neither SDK auth kind has room for
 * both plus the API root.
 */
export const connectionFields = Type.Object(
  {
    accessToken: Type.Optional(
      secret(
        'A private app’s access token (pat-…) from Settings → Integrations → Private Apps, or an OAuth access token.',
      ),
    ),
    refreshToken: Type.Optional(
      secret('OAuth refresh token of a public app install; with clientId and clientSecret it renews the access token.'),
    ),
    clientId: Type.Optional(Type.String({ minLength: 1, description: 'Client ID of the public app (OAuth).' })),
    clientSecret: Type.Optional(secret('Client secret of the public app (OAuth).')),
    expiresAt: Type.Optional(
      Type.Integer({ description: 'Unix time (s) the OAuth access token expires; it is renewed a minute before.' }),
    ),
    apiUrl: Type.Optional(
      serviceUrl({
        description: `API root; default ${HUBSPOT_API_URL}. Accounts hosted in the EU data center may use https://api-eu1.hubapi.com; a company proxy or gateway goes here too.`,
        default: HUBSPOT_API_URL,
      }),
    ),
  },
  {
    dependentRequired: { refreshToken: ['clientId', 'clientSecret'] },
    anyOf: [{ required: ['accessToken'] }, { required: ['refreshToken'] }],
  },
);

export type HubSpotConnection = Static<typeof connectionFields>;
