import { createSign } from 'node:crypto';
import { ConnectorError, errorKindForStatus } from '@mova/sdk';
import type { ServiceAccountKey } from './key.js';

/**
 * The token endpoint of "Using OAuth 2.0 for Server to Server Applications" (and the connector's
 * allow-list). The guide says the assertion's `aud` is always this URL, wherever it is posted.
 */
export const GOOGLE_TOKEN_URL = 'https://oauth2.googleapis.com/token';
/** Enough for every action here (list buckets, read/write/delete objects); nothing administrative. */
export const STORAGE_SCOPE = 'https://www.googleapis.com/auth/devstorage.read_write';

const base64url = (value: string | Buffer) => Buffer.from(value).toString('base64url');

/** A JWT assertion for the service account, signed RS256 with its private key. */
function assertionFor(key: ServiceAccountKey, now = Date.now()): string {
  const iat = Math.floor(now / 1000);
  const header = { alg: 'RS256', typ: 'JWT', ...(key.private_key_id ? { kid: key.private_key_id } : {}) };
  const claims = { iss: key.client_email, scope: STORAGE_SCOPE, aud: GOOGLE_TOKEN_URL, iat, exp: iat + 3600 };
  const unsigned = `${base64url(JSON.stringify(header))}.${base64url(JSON.stringify(claims))}`;
  const signature = createSign('RSA-SHA256').update(unsigned).sign(key.private_key);
  return `${unsigned}.${base64url(signature)}`;
}

/**
 * Exchanges a signed JWT for an access token (the JWT bearer grant) at `endpoint`, Google's unless
 * the connection names another. google-auth-library 9 sends this grant to
 * www.googleapis.com/oauth2/v4/token and offers no way to change it, so the connector makes the
 * request itself against the documented endpoint.
 */
export async function fetchAccessToken(
  key: ServiceAccountKey,
  endpoint = GOOGLE_TOKEN_URL,
): Promise<{ access_token: string; expiry_date: number }> {
  const requestedAt = Date.now();
  let response: Response;
  try {
    response = await fetch(endpoint, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({
        grant_type: 'urn:ietf:params:oauth:grant-type:jwt-bearer',
        assertion: assertionFor(key, requestedAt),
      }),
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
    return { access_token: body.access_token, expiry_date: requestedAt + body.expires_in * 1000 };
  }
  const { error, description } = oauthError(body);
  // Google answers a bad or revoked key with 400 invalid_grant, which is a credentials problem.
  const kind = error === 'invalid_grant' || error === 'invalid_client' ? 'auth' : errorKindForStatus(response.status);
  throw new ConnectorError(
    `Google refused the service account key${error ? ` (${error})` : ''}`,
    { kind, status: response.status, vendorMessage: description ?? error },
    kind === 'auth'
      ? 'Check the service account key: it may be deleted or disabled, or the service account itself may be; create a new JSON key if needed.'
      : undefined,
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
