import { type TProperties, Type } from '@sinclair/typebox';
import { serviceUrl } from '../../service-url.js';

/** Google's OAuth 2.0 token endpoint: where both grants go, and the `aud` of every service account assertion. */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';

const secret = (description: string) => Type.String({ minLength: 1, writeOnly: true, description });

/**
 * The connection fields every Google API connector shares: a service account key (optionally
 * impersonating a Workspace user through domain-wide delegation) or OAuth 2.0 user tokens, and
 * the API root and token endpoint (a Private Service Connect endpoint, or a test's loopback server).
 * List `apiUrl` and `tokenUrl` in `network.connectionHosts`.
 *
 * @example
 * export const connectionFields = googleConnectionFields({
 *   api: { name: 'Sheets API', default: 'https://sheets.googleapis.com' },
 * });
 */
export function googleConnectionFields<P extends TProperties = Record<never, never>>(options: {
  /** The API the connector calls and its root URL. */
  api: { name: string; default: string };
  /** The connector's own fields beside Google's. */
  fields?: P;
}) {
  return Type.Object(
    {
      serviceAccountKey: Type.Optional(
        Type.String({
          minLength: 2,
          writeOnly: true,
          description:
            'The whole JSON key file of a service account (IAM & Admin → Service accounts → Keys → Add key → JSON), pasted as text. Give this, or OAuth tokens.',
        }),
      ),
      subject: Type.Optional(
        Type.String({
          format: 'email',
          description:
            'Email of the Google Workspace user the service account acts as (domain-wide delegation, granted in the Admin console); leave empty to act as the service account itself.',
        }),
      ),
      accessToken: Type.Optional(secret('OAuth 2.0 access token of a Google user (expires after about an hour)')),
      refreshToken: Type.Optional(
        secret('OAuth 2.0 refresh token, exchanged for access tokens with the client id and secret'),
      ),
      clientId: Type.Optional(
        Type.String({
          minLength: 1,
          description: 'OAuth client id the refresh token was issued to (…apps.googleusercontent.com)',
        }),
      ),
      clientSecret: Type.Optional(secret('OAuth client secret of that client')),
      apiUrl: Type.Optional(
        serviceUrl({
          description: `Root of the ${options.api.name} to call instead of ${options.api.default}: a Private Service Connect endpoint, or a server speaking the same API`,
          default: options.api.default,
        }),
      ),
      tokenUrl: Type.Optional(
        serviceUrl({
          description: `OAuth 2.0 token endpoint to get access tokens from instead of ${GOOGLE_TOKEN_URL} (e.g. a Private Service Connect endpoint)`,
          default: GOOGLE_TOKEN_URL,
        }),
      ),
      ...((options.fields ?? {}) as P),
    },
    { additionalProperties: false },
  );
}

/** The Google fields of a connection (what `googleConnectionFields` declares, without the connector's own). */
export interface GoogleConnection {
  serviceAccountKey?: string;
  subject?: string;
  accessToken?: string;
  refreshToken?: string;
  clientId?: string;
  clientSecret?: string;
  apiUrl?: string;
  tokenUrl?: string;
}
