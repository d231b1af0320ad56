import { generateKeyPairSync, type KeyObject, randomBytes, randomUUID, verify } from 'node:crypto';
import type { ReferenceReply, ReferenceRequest } from './reference-server.js';

/**
 * Google's OAuth 2.0 token endpoint as two guides describe it:
 * - "Using OAuth 2.0 for Server to Server Applications"
 *   (https://developers.google.com/identity/protocols/oauth2/service-account#authorizingrequests):
 *   grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer with an RS256 assertion (iss, scope,
 *   aud=https://oauth2.googleapis.com/token, iat, exp ≤ iat+3600, sub for delegation); the
 *   signature is checked with the test key's public half.
 * - "Using OAuth 2.0 for Web Server Applications", refreshing an access token
 *   (https://developers.google.com/identity/protocols/oauth2/web-server#offline):
 *   grant_type=refresh_token with client_id, client_secret and refresh_token.
 * Errors are the OAuth ones Google sends: 400 invalid_grant, 401 invalid_client.
 * It is a route answer, so a connector's reference server serves it beside the vendor's API.
 *
 * @example
 * const tokens = googleTokenIssuer({ clientEmail, publicKey });
 * api.route('POST', '/token', (request) => tokens.answer(request));
 */
export interface GoogleTokenIssuer {
  /** Access tokens issued, with the scope and subject they were asked for. */
  issued: Map<string, { scope: string; subject?: string }>;
  /** Refresh tokens the endpoint accepts, with their OAuth client. */
  refreshTokens: Map<string, { clientId: string; clientSecret: string; scope: string }>;
  answer(request: ReferenceRequest): ReferenceReply;
  /**
   * The grant behind a request's `Authorization: Bearer` token, `undefined` for a missing or unknown
   * token; `scoped` says whether it was granted `scope`. The API's own server answers both cases
   * with its vendor's errors.
   */
  grantOf(request: ReferenceRequest, scope: string): { subject?: string; scoped: boolean } | undefined;
}

export function googleTokenIssuer(options: { clientEmail: string; publicKey: KeyObject }): GoogleTokenIssuer {
  const issued = new Map<string, { scope: string; subject?: string }>();
  const refreshTokens = new Map<string, { clientId: string; clientSecret: string; scope: string }>();
  const grant = (scope: string, subject?: string): ReferenceReply => {
    const token = `ya29.${randomBytes(12).toString('hex')}`;
    issued.set(token, { scope, subject });
    return { body: { access_token: token, expires_in: 3599, token_type: 'Bearer', scope } };
  };
  const fail = (status: number, error: string, description: string): ReferenceReply => ({
    status,
    body: { error, error_description: description },
  });
  return {
    issued,
    refreshTokens,
    grantOf(request, scope) {
      const token = /^Bearer (.+)$/.exec(String(request.headers.authorization ?? ''))?.[1];
      const known = token === undefined ? undefined : issued.get(token);
      if (!known) return undefined;
      return { ...(known.subject ? { subject: known.subject } : {}), scoped: known.scope.split(' ').includes(scope) };
    },
    answer(request) {
      if (!String(request.headers['content-type']).startsWith('application/x-www-form-urlencoded')) {
        return fail(400, 'invalid_request', 'Bad Request');
      }
      const form = request.body as Record<string, string>;
      if (form.grant_type === 'refresh_token') {
        const known = refreshTokens.get(form.refresh_token ?? '');
        if (!known || known.clientId !== form.client_id) {
          return fail(400, 'invalid_grant', 'Token has been expired or revoked.');
        }
        if (known.clientSecret !== form.client_secret) return fail(401, 'invalid_client', 'Unauthorized');
        return grant(known.scope);
      }
      if (form.grant_type !== 'urn:ietf:params:oauth:grant-type:jwt-bearer') {
        return fail(400, 'unsupported_grant_type', `Invalid grant_type: ${form.grant_type}`);
      }
      const [header, claims, signature] = String(form.assertion).split('.');
      const signed = Buffer.from(`${header}.${claims}`);
      if (!verify('RSA-SHA256', signed, options.publicKey, Buffer.from(signature ?? '', 'base64url'))) {
        return fail(400, 'invalid_grant', 'Invalid JWT Signature.');
      }
      const claimSet = JSON.parse(Buffer.from(claims ?? '', 'base64url').toString());
      const now = Date.now() / 1000;
      if (
        claimSet.iss !== options.clientEmail ||
        claimSet.aud !== 'https://oauth2.googleapis.com/token' ||
        typeof claimSet.scope !== 'string' ||
        claimSet.exp - claimSet.iat > 3600 ||
        Math.abs(claimSet.iat - now) > 300
      ) {
        return fail(
          400,
          'invalid_grant',
          'Invalid JWT: Token must be a short-lived token and in a reasonable timeframe.',
        );
      }
      return grant(claimSet.scope, claimSet.sub);
    },
  };
}

/** A Google service account made for one test file: its key pair and key files naming it. */
export interface TestServiceAccount {
  clientEmail: string;
  /** The public half, for {@link googleTokenIssuer} to check assertions with. */
  publicKey: KeyObject;
  privateKey: KeyObject;
  /**
   * A service account key file in the shape the Cloud console downloads. Each call gets its own
   * `private_key_id`, so a connector's per-connection client cache (and its access token) never
   * carries over between tests.
   */
  keyFile(): string;
}

/**
 * A throwaway RSA service account; pass it to the reference API (which issues tokens for its
 * `clientEmail` and checks them with its `publicKey`) and its `keyFile()` to the connection.
 *
 * @example
 * const account = testServiceAccount();
 * const api = await startDriveApi(account);
 * const auth = { serviceAccountKey: account.keyFile(), apiUrl: api.url, tokenUrl: api.tokenUrl };
 */
export function testServiceAccount(options: { clientEmail?: string; projectId?: string } = {}): TestServiceAccount {
  const projectId = options.projectId ?? 'mova-conformance';
  const clientEmail = options.clientEmail ?? `mova-runner@${projectId}.iam.gserviceaccount.com`;
  const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
  return {
    clientEmail,
    publicKey,
    privateKey,
    keyFile: () =>
      JSON.stringify({
        type: 'service_account',
        project_id: projectId,
        private_key_id: randomUUID().replaceAll('-', ''),
        private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
        client_email: clientEmail,
        client_id: '109876543210987654321',
        token_uri: 'https://oauth2.googleapis.com/token',
      }),
  };
}
