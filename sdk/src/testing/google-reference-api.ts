import type { KeyObject } from 'node:crypto';
import { type GoogleTokenIssuer, googleTokenIssuer } from './google-token.js';
import { type ReferenceReply, type ReferenceServer, startReferenceServer } from './reference-server.js';

/** A reference Google API: its own routes, with Google's token endpoint at `/token` beside them. */
export interface GoogleReferenceApi extends ReferenceServer {
  /** `<url>/token`, the connection's `tokenUrl`. */
  tokenUrl: string;
  tokens: GoogleTokenIssuer;
}

export interface GoogleReferenceApiOptions {
  /** The service account whose assertions the token endpoint accepts (a {@link testServiceAccount}). */
  account: { clientEmail: string; publicKey: KeyObject };
  /** The OAuth scope every API request's token must carry. */
  scope: string;
  /** The API's own answers to a missing or unknown token (401) and to a token without `scope` (403). */
  refuse: { unauthenticated: ReferenceReply; forbidden: ReferenceReply };
}

/**
 * A {@link startReferenceServer} for a Google API: it serves {@link googleTokenIssuer} at `/token`
 * and refuses every other request whose Bearer token that endpoint did not issue with `scope`, with
 * the API's own error bodies. Add the API's routes to it.
 *
 * @example
 * const server = await startGoogleReferenceApi({
 *   account,
 *   scope: 'https://www.googleapis.com/auth/drive',
 *   refuse: { unauthenticated: driveError(401, 'authError'), forbidden: driveError(403, 'insufficientPermissions') },
 * });
 * server.route('GET', '/drive/v3/about', () => ({ body: { kind: 'drive#about' } }));
 */
export async function startGoogleReferenceApi(options: GoogleReferenceApiOptions): Promise<GoogleReferenceApi> {
  const tokens = googleTokenIssuer(options.account);
  const server = await startReferenceServer({
    check(request) {
      if (request.path === '/token') return undefined;
      const grant = tokens.grantOf(request, options.scope);
      if (!grant) return options.refuse.unauthenticated;
      return grant.scoped ? undefined : options.refuse.forbidden;
    },
  });
  server.route('POST', '/token', (request) => tokens.answer(request));
  return Object.assign(server, { tokenUrl: `${server.url}/token`, tokens });
}
