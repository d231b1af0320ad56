import { isRecord } from '../is-record.js';

/** An OAuth2 token set a call refreshed: the only connection fields a sandbox may change. */
export interface TokenSet {
  accessToken: string;
  refreshToken?: string;
  /** Unix time in seconds. */
  expiresAt?: number;
  scope?: string;
}

/** What became of a token set handed to a connection store. */
export type TokenWrite =
  /** Written to the connection. */
  | 'saved'
  /** The store already holds tokens that expire later (another run refreshed too): left as they are. */
  | 'kept'
  /** The connection comes from a source that cannot be written (environment variables). */
  | 'unsupported';

// Real tokens are at most a few KiB (JWTs with many claims); anything bigger is not a token.
const MAX_TOKEN_CHARS = 16 * 1024;
const MAX_SCOPE_CHARS = 4 * 1024;
// Unix seconds up to the year 5138: a millisecond value here is a mistake, not an expiry.
const MAX_EXPIRES_AT = 1e11;
const FIELDS = new Set(['accessToken', 'refreshToken', 'expiresAt', 'scope']);

/**
 * Checks what a sandbox sent as a refreshed token set: an object with a non-empty `accessToken`
 * and at most `refreshToken`, `expiresAt` and `scope` besides, each of a sane size. Returns the
 * token set, or what is wrong with it (never echoing a value).
 */
export function readTokenSet(value: unknown): TokenSet | string {
  if (!isRecord(value)) return 'the token set is not an object';
  const extra = Object.keys(value).filter((key) => !FIELDS.has(key) && value[key] !== undefined);
  if (extra.length > 0) return `the token set has fields a refresh cannot change: ${extra.sort().join(', ')}`;
  const { accessToken, refreshToken, expiresAt, scope } = value;
  if (!isText(accessToken, MAX_TOKEN_CHARS))
    return `accessToken must be a string of 1 to ${MAX_TOKEN_CHARS} characters`;
  if (refreshToken !== undefined && !isText(refreshToken, MAX_TOKEN_CHARS)) {
    return `refreshToken must be a string of 1 to ${MAX_TOKEN_CHARS} characters`;
  }
  if (scope !== undefined && (typeof scope !== 'string' || scope.length > MAX_SCOPE_CHARS)) {
    return `scope must be a string of at most ${MAX_SCOPE_CHARS} characters`;
  }
  if (
    expiresAt !== undefined &&
    (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt) || expiresAt <= 0 || expiresAt > MAX_EXPIRES_AT)
  ) {
    return 'expiresAt must be a Unix time in whole seconds';
  }
  return {
    accessToken,
    ...(refreshToken === undefined ? {} : { refreshToken }),
    ...(expiresAt === undefined ? {} : { expiresAt }),
    ...(scope === undefined ? {} : { scope }),
  };
}

/**
 * A connection's auth with a refreshed token set written in, or undefined when the auth already
 * holds tokens that expire later (another run refreshed after this one: the newer expiry wins).
 * A token set without a refresh token keeps the one there; one with a new refresh token replaces
 * it (providers that rotate refresh tokens refuse the old one).
 */
export function withTokens(auth: Record<string, unknown>, tokens: TokenSet): Record<string, unknown> | undefined {
  const stored = auth.expiresAt;
  if (typeof stored === 'number' && tokens.expiresAt !== undefined && stored > tokens.expiresAt) return undefined;
  const next: Record<string, unknown> = { ...auth, accessToken: tokens.accessToken };
  if (tokens.refreshToken !== undefined) next.refreshToken = tokens.refreshToken;
  if (tokens.scope !== undefined) next.scope = tokens.scope;
  // A token without a lifetime replaces the old one's expiry, which no longer applies.
  if (tokens.expiresAt === undefined) delete next.expiresAt;
  else next.expiresAt = tokens.expiresAt;
  return next;
}

function isText(value: unknown, max: number): value is string {
  return typeof value === 'string' && value.length > 0 && value.length <= max;
}
