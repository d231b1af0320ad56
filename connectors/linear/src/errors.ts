import { LinearError, LinearErrorType, RatelimitedLinearError } from '@linear/sdk';
import { type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/** The SDK's error types (from the GraphQL error's extensions.type, else the HTTP status) as kinds. */
const CODES: Record<string, ConnectorErrorKind> = {
  [LinearErrorType.AuthenticationError]: 'auth',
  [LinearErrorType.Forbidden]: 'auth',
  [LinearErrorType.FeatureNotAccessible]: 'auth',
  [LinearErrorType.InvalidInput]: 'invalid_input',
  [LinearErrorType.UserError]: 'invalid_input',
  [LinearErrorType.GraphqlError]: 'invalid_input',
  [LinearErrorType.Ratelimited]: 'rate_limit',
  [LinearErrorType.UsageLimitExceeded]: 'auth',
  [LinearErrorType.NetworkError]: 'transient',
  [LinearErrorType.InternalError]: 'transient',
  [LinearErrorType.LockTimeout]: 'transient',
  [LinearErrorType.BootstrapError]: 'transient',
  EntityNotFound: 'not_found',
};

const HINTS: Record<string, string> = {
  [LinearErrorType.AuthenticationError]:
    'The API key or token is not valid: create a new one in Linear → Settings → Security & access.',
  [LinearErrorType.Forbidden]: 'The key or token may not do this: check its scopes and the team’s access.',
  [LinearErrorType.Ratelimited]:
    'Linear allows about 5,000 requests and 3,000,000 complexity points an hour per key; the step is retried after the limit resets.',
  [LinearErrorType.UsageLimitExceeded]: 'The workspace hit its plan’s usage limit (e.g. issues on the free plan).',
  EntityNotFound: 'Check the id or identifier (e.g. ENG-123), and that the key can see its team.',
};

function read(error: unknown): VendorFailure | undefined {
  if (!(error instanceof LinearError)) return undefined;
  // Linear answers a missing entity as invalid input ("Entity not found: Issue").
  const notFound =
    error.errors?.some((e) => /Entity not found|Could not find referenced/i.test(e.message)) ??
    /Entity not found/i.test(error.message);
  return {
    status: error.status,
    code: notFound ? 'EntityNotFound' : (error.type ?? LinearErrorType.Unknown),
    vendorMessage: error.errors?.[0]?.message ?? error.message,
    retryAfter: error instanceof RatelimitedLinearError ? retryAfterOf(error) : undefined,
    cause: error,
  };
}

/** Seconds to wait: Retry-After when sent, else until the request or complexity window resets (epoch ms). */
export function retryAfterOf(error: RatelimitedLinearError, now = Date.now()): number | undefined {
  if (error.retryAfter !== undefined) return error.retryAfter;
  const reset = Math.max(error.requestsResetAt ?? 0, error.complexityResetAt ?? 0);
  return reset > now ? Math.ceil((reset - now) / 1000) : undefined;
}

/** Linear SDK failures as ConnectorErrors, by the SDK's error type. */
export const linearErrors = errorMapping({ vendor: 'Linear', read, codes: CODES, hints: { codes: HINTS } });
