import { type ConnectorErrorKind, errorKindForStatus, errorMapping, parseRetryAfter } from '@mova/sdk';
import { RequestError } from '@octokit/request-error';

/** GitHub's error body: https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api */
interface GitHubErrorBody {
  message?: string;
  documentation_url?: string;
  errors?: Array<{ resource?: string; field?: string; code?: string; message?: string } | string>;
}

/**
 * GitHub's failures as ConnectorErrors: Octokit's RequestError with GitHub's status, message,
 * field errors, rate-limit wait and documentation link. Anything else (an abort from the step's
 * signal, a bug) is not this mapping's.
 */
export const githubErrors = errorMapping({
  vendor: 'GitHub',
  read(error) {
    if (!(error instanceof RequestError)) return undefined;
    const where = `${error.request.method} ${pathOf(error.request.url)}`;
    if (!error.response) {
      // Octokit reports a failed fetch (DNS, refused connection, TLS) as a status-500 error without a response.
      return {
        kind: 'transient',
        message: `GitHub could not be reached (${where}): ${error.message}`,
        hint: `Check that this machine can reach ${hostOf(error.request.url)}, then retry.`,
        cause: error,
      };
    }
    const body = bodyOf(error.response.data);
    const vendorMessage = body.message ?? error.message;
    const headers = error.response.headers;
    const kind = kindOf(error.status, vendorMessage, headers);
    const details = (body.errors ?? []).map(describeFieldError).filter(Boolean);
    return {
      kind,
      status: error.status,
      vendorMessage,
      message: `GitHub answered ${error.status} to ${where}: ${vendorMessage}${details.length ? ` (${details.join('; ')})` : ''}`,
      retryAfter: kind === 'rate_limit' ? waitOf(headers) : undefined,
      hint: hintFor(kind, error.status, body.documentation_url),
      cause: error,
    };
  },
});

/** The ConnectorError for an Octokit failure; anything else passes through unchanged. */
export function toConnectorError(error: unknown, actionKey?: string): unknown {
  return githubErrors.from(error, actionKey) ?? error;
}

type Headers = Record<string, string | number | undefined>;

function kindOf(status: number, message: string, headers: Headers): ConnectorErrorKind {
  // Rate limits arrive as 429 or as 403; a 403 is a limit when GitHub says so in the message or headers.
  if (status === 403 || status === 429) {
    if (/rate limit/i.test(message) || headers['retry-after'] !== undefined) return 'rate_limit';
    if (String(headers['x-ratelimit-remaining']) === '0') return 'rate_limit';
  }
  // GitHub answers 405 when a pull request cannot be merged in its current state.
  if (status === 405) return 'conflict';
  return errorKindForStatus(status);
}

/** How long to wait: `retry-after` when given, else until `x-ratelimit-reset` (epoch seconds). */
function waitOf(headers: Headers): string | number {
  const retryAfter = headers['retry-after'];
  if (retryAfter !== undefined && parseRetryAfter(String(retryAfter)) !== undefined) return String(retryAfter);
  const reset = Number(headers['x-ratelimit-reset']);
  if (String(headers['x-ratelimit-remaining']) === '0' && Number.isFinite(reset)) {
    return Math.max(0, Math.ceil(reset - Date.now() / 1000));
  }
  // GitHub's guidance for a secondary limit without either header: wait at least a minute.
  return 60;
}

function hintFor(kind: ConnectorErrorKind, status: number, docs: string | undefined): string | undefined {
  const see = docs ? ` See ${docs}` : '';
  switch (kind) {
    case 'auth':
      return status === 401
        ? 'GitHub refused the token: it is wrong, expired or revoked. Create a new one and update the connection.'
        : `The token lacks a permission this call needs: grant it (fine-grained token or GitHub App permissions) or use another token.${see}`;
    case 'not_found':
      return `Check owner, repo and the number or name in the input. GitHub also answers 404 when the token cannot see a private repository.${see}`;
    case 'invalid_input':
      return `GitHub rejected the input; the message names the field.${see}`;
    case 'rate_limit':
      return 'GitHub is rate limiting this token; wait retryAfter seconds before retrying.';
    case 'conflict':
      return `The resource is not in a state that allows this (e.g. a pull request that cannot be merged yet).${see}`;
    case 'transient':
      return 'GitHub had a temporary failure; retrying usually helps.';
    default:
      return docs ? `See ${docs}` : undefined;
  }
}

function describeFieldError(error: NonNullable<GitHubErrorBody['errors']>[number]): string {
  if (typeof error === 'string') return error;
  if (error.message) return error.field ? `${error.field}: ${error.message}` : error.message;
  return [error.resource, error.field, error.code].filter(Boolean).join(' ');
}

function bodyOf(data: unknown): GitHubErrorBody {
  if (typeof data === 'string') return { message: data || undefined };
  if (typeof data !== 'object' || data === null) return {};
  return {
    message: 'message' in data && typeof data.message === 'string' ? data.message : undefined,
    documentation_url:
      'documentation_url' in data && typeof data.documentation_url === 'string' ? data.documentation_url : undefined,
    errors: 'errors' in data && Array.isArray(data.errors) ? data.errors : undefined,
  };
}

function pathOf(url: string): string {
  try {
    return new URL(url).pathname;
  } catch {
    return url;
  }
}

/** api.github.com, or the Enterprise Server the connection points at. */
function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return 'GitHub';
  }
}
