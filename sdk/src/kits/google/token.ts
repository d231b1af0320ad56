import { createSign } from 'node:crypto';
import { ConnectorError, errorKindForStatus } from '../../errors.js';
import { parseRetryAfter } from '../../retry-after.js';
import { serviceUrlOf } from '../../service-url.js';
import { GOOGLE_TOKEN_URL, type GoogleConnection } from './connection.js';
import { parseServiceAccountKey, type ServiceAccountKey } from './key.js';

/** An access token and when it stops working (ms since the epoch), as google-auth-library's `refreshHandler` returns it. */
export interface GoogleAccessToken {
  access_token: string;
  expiry_date: number;
}

/** How a connection authenticates, read off its fields. */
export type GoogleCredentials =
  | { kind: 'serviceAccount'; key: ServiceAccountKey; subject?: string; tokenUrl: string }
  | {
      kind: 'refreshToken';
      refreshToken: string;
      clientId: string;
      clientSecret: string;
      accessToken?: string;
      tokenUrl: string;
    }
  | { kind: 'accessToken'; accessToken: string };

const CREDENTIALS_HINT =
  'Give either serviceAccountKey (a service account JSON key), or refreshToken with clientId and clientSecret (OAuth 2.0), or an accessToken.';

/** Which of the connection's credentials are used: a service account key first, then OAuth tokens. */
export function googleCredentialsOf(connection: GoogleConnection): GoogleCredentials {
  const tokenUrl = serviceUrlOf(connection.tokenUrl, GOOGLE_TOKEN_URL);
  if (connection.serviceAccountKey) {
    const key = parseServiceAccountKey(connection.serviceAccountKey);
    return { kind: 'serviceAccount', key, subject: connection.subject || undefined, tokenUrl };
  }
  if (connection.refreshToken) {
    if (!connection.clientId || !connection.clientSecret) {
      throw new ConnectorError(
        'A refresh token needs the OAuth client id and secret it was issued to',
        { kind: 'auth' },
        CREDENTIALS_HINT,
      );
    }
    return {
      kind: 'refreshToken',
      refreshToken: connection.refreshToken,
      clientId: connection.clientId,
      clientSecret: connection.clientSecret,
      accessToken: connection.accessToken,
      tokenUrl,
    };
  }
  if (connection.accessToken) return { kind: 'accessToken', accessToken: connection.accessToken };
  throw new ConnectorError('The connection has no Google credentials', { kind: 'auth' }, CREDENTIALS_HINT);
}

/** What google-auth-library's OAuth2Client offers for tokens it does not fetch itself. */
export interface RefreshableClient {
  refreshHandler?: () => Promise<GoogleAccessToken>;
  setCredentials(credentials: { access_token?: string | null }): void;
}

/**
 * Gives an OAuth2Client (google-auth-library) the connection's tokens: a `refreshHandler` that
 * runs the service account's JWT bearer grant or the refresh-token grant at the connection's
 * token endpoint, or a fixed access token. The client caches a token until it expires.
 *
 * @example
 * const client = authorize(new OAuth2Client(), connection, ['https://www.googleapis.com/auth/spreadsheets']);
 * const api = sheets({ version: 'v4', auth: client, rootUrl: `${apiRoot}/` });
 */
export function authorize<C extends RefreshableClient>(client: C, connection: GoogleConnection, scopes: string[]): C {
  const credentials = googleCredentialsOf(connection);
  if (credentials.kind === 'accessToken') {
    client.setCredentials({ access_token: credentials.accessToken });
    return client;
  }
  if (credentials.kind === 'refreshToken' && credentials.accessToken) {
    client.setCredentials({ access_token: credentials.accessToken });
  }
  client.refreshHandler = () => fetchGoogleToken(credentials, scopes);
  return client;
}

/** Exchanges the credentials for an access token at their token endpoint (an OAuth 2.0 token request). */
export async function fetchGoogleToken(
  credentials: Exclude<GoogleCredentials, { kind: 'accessToken' }>,
  scopes: string[],
  now = Date.now(),
): Promise<GoogleAccessToken> {
  const form: Record<string, string> =
    credentials.kind === 'serviceAccount'
      ? {
          grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
          assertion: assertionFor(credentials.key, scopes, credentials.subject, now),
        }
      : {
          grant_type: 'refresh_token',
          refresh_token: credentials.refreshToken,
          client_id: credentials.clientId,
          client_secret: credentials.clientSecret,
        };
  let response: Response;
  try {
    response = await fetch(credentials.tokenUrl, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
      body: new URLSearchParams(form),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (cause) {
    throw new ConnectorError('Could not reach Google for an access token', {
      kind: 'transient',
      vendorMessage: cause instanceof Error ? cause.message : String(cause),
      cause,
    });
  }
  const body: unknown = await response.json().catch(() => undefined);
  if (response.ok && isTokenResponse(body)) {
    return { access_token: body.access_token, expiry_date: now + body.expires_in * 1000 };
  }
  throw tokenError(credentials.kind, response, body);
}

// "Using OAuth 2.0 for Server to Server Applications": the assertion's aud is always Google's
// token URL, wherever it is posted; `sub` names the user a delegated service account acts as.
function assertionFor(key: ServiceAccountKey, scopes: string[], subject: string | undefined, now: number): string {
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = {
    iss: key.client_email,
    ...(subject ? { sub: subject } : {}),
    scope: scopes.join(' '),
    aud: GOOGLE_TOKEN_URL,
    iat,
    exp: iat + 3600,
  };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key);
  return `${unsigned}.${base64url(signature)}`;
}

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

// A revoked key or token, a wrong client or a delegation the admin never granted all come back
// 400/401 with these OAuth error codes: the credentials are the problem, not the request.
const AUTH_ERRORS = new Set(['invalid_grant', 'invalid_client', 'unauthorized_client', 'access_denied']);

function tokenError(kind: 'serviceAccount' | 'refreshToken', response: Response, body: unknown): ConnectorError {
  const { error, description } = oauthError(body);
  const errorKind = error && AUTH_ERRORS.has(error) ? 'auth' : errorKindForStatus(response.status);
  const hint =
    errorKind !== 'auth'
      ? undefined
      : kind === 'serviceAccount'
        ? 'Check the service account key (it may be deleted or disabled) and, with a subject, that domain-wide delegation grants these scopes.'
        : 'The refresh token was revoked or expired, or belongs to another OAuth client; connect the Google account again.';
  return new ConnectorError(
    `Google refused the ${kind === 'serviceAccount' ? 'service account key' : 'refresh token'}${error ? ` (${error})` : ''}`,
    {
      kind: errorKind,
      status: response.status,
      vendorMessage: description ?? error,
      retryAfter: parseRetryAfter(response.headers.get('retry-after')),
    },
    hint,
  );
}

function isTokenResponse(body: unknown): body is { access_token: string; expires_in: number } {
  return (
    typeof body === 'object' &&
    body !== null &&
    'access_token' in body &&
    typeof body.access_token === 'string' &&
    'expires_in' in body &&
    typeof body.expires_in === 'number'
  );
}

function oauthError(body: unknown): { error?: string; description?: string } {
  if (typeof body !== 'object' || body === null) return {};
  return {
    error: 'error' in body && typeof body.error === 'string' ? body.error : undefined,
    description:
      'error_description' in body && typeof body.error_description === 'string' ? body.error_description : undefined,
  };
}

/** Access tokens for requests made without google-auth-library (the SDK's HTTP client). */
export interface GoogleTokenSource {
  /** A token valid for at least another minute: the cached one, or a fresh one from the grant. */
  token(): Promise<string>;
}

/**
 * Access tokens for a connection and scopes, fetched when missing or about to expire and shared
 * by concurrent callers; a bare access token is used as it is.
 *
 * @example
 * const tokens = googleTokenSource(connection, ['https://www.googleapis.com/auth/pubsub']);
 * const http = createHttpClient({ baseUrl, headers: { authorization: `Bearer ${await tokens.token()}` } });
 */
export function googleTokenSource(connection: GoogleConnection, scopes: string[]): GoogleTokenSource {
  const credentials = googleCredentialsOf(connection);
  if (credentials.kind === 'accessToken') return { token: async () => credentials.accessToken };
  let current: Promise<GoogleAccessToken> | undefined;
  const refresh = () => {
    const next = fetchGoogleToken(credentials, scopes);
    current = next;
    next.catch(() => {
      if (current === next) current = undefined;
    });
    return next;
  };
  return {
    async token() {
      const pending = current ?? refresh();
      const held = await pending;
      if (held.expiry_date - Date.now() >= 60_000) return held.access_token;
      // Expiring: the first caller to notice starts the next grant, the others share it.
      const next = current === pending ? refresh() : (current ?? refresh());
      return (await next).access_token;
    },
  };
}
