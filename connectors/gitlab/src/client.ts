import {
  createRequesterFn,
  type FormattedResponse,
  GitbeakerRequestError,
  GitbeakerTimeoutError,
  type RequesterType,
  type ResourceOptions,
} from '@gitbeaker/requester-utils';
import { type ActionContext, serviceUrlOf } from '@mova/sdk';
import { GITLAB_URL, type GitlabConnection } from './connection.js';
import { gitlabErrors } from './errors.js';

type ResourceClass<R> = new (options: {
  host: string;
  token?: string;
  oauthToken?: string;
  requesterFn: (options: ResourceOptions) => RequesterType;
  queryTimeout: number;
  rateLimits: Record<string, never>;
}) => R;

type CallContext = Pick<ActionContext, 'signal' | 'actionKey'> | undefined;

/**
 * Runs `use` on one gitbeaker resource (Issues, MergeRequests, …) for this connection; failures
 * leave as ConnectorErrors.
 * @example
 * const issue = await withGitlab(auth, ctx, Issues, (issues) => issues.show(7, { projectId: 'acme/api' }));
 */
export async function withGitlab<R, T>(
  connection: GitlabConnection,
  ctx: CallContext,
  Resource: ResourceClass<R>,
  use: (resource: R) => Promise<T>,
): Promise<T> {
  return gitlabErrors.call(ctx?.actionKey, async () => {
    const host = serviceUrlOf(connection.url, GITLAB_URL);
    const token = connection.tokenType === 'oauth' ? { oauthToken: connection.token } : { token: connection.token };
    const resource = new Resource({
      host,
      ...token,
      requesterFn: createRequesterFn(async (_, options) => options, sendOnce(ctx?.signal)),
      queryTimeout: 60_000,
      // gitbeaker's client-side limiter queues per resource instance; GitLab's own 429 is what counts.
      rateLimits: {},
    });
    return use(resource);
  });
}

/**
 * gitbeaker's default handler retries 429 and 502 ten times within a few milliseconds, without
 * reading Retry-After, and then throws an error without the status. This one sends once: a 429
 * leaves with its Retry-After for the runtime's retry policy, and the step's signal cancels it.
 */
function sendOnce(stepSignal: AbortSignal | undefined) {
  return async (endpoint: string, options: Record<string, unknown> = {}): Promise<FormattedResponse> => {
    const { prefixUrl, searchParams, method, headers, body, signal } = options;
    const base = typeof prefixUrl === 'string' ? prefixUrl.replace(/\/?$/, '/') : undefined;
    const url = new URL(endpoint, base);
    url.search = typeof searchParams === 'string' ? searchParams : '';
    const signals = [signal, stepSignal].filter((s): s is AbortSignal => s instanceof AbortSignal);
    const request = new Request(url, {
      method: typeof method === 'string' ? method : 'GET',
      headers: headers instanceof Object ? Object.fromEntries(Object.entries(headers)) : undefined,
      body: typeof body === 'string' || body instanceof FormData ? body : undefined,
      signal: signals.length > 0 ? AbortSignal.any(signals) : undefined,
    });
    let response: Response;
    try {
      response = await fetch(request);
    } catch (error) {
      if (error instanceof Error && error.name === 'TimeoutError' && !stepSignal?.aborted) {
        throw new GitbeakerTimeoutError('GitLab did not answer within 60 s', { cause: error });
      }
      throw error;
    }
    const responseHeaders = Object.fromEntries(response.headers.entries());
    if (!response.ok) {
      const text = await response.text();
      throw new GitbeakerRequestError(describe(text, response.headers.get('content-type')), {
        cause: { description: describe(text, response.headers.get('content-type')), request, response },
      });
    }
    if (response.status === 204) return { body: null, headers: responseHeaders, status: response.status };
    const type = (response.headers.get('content-type') ?? '').split(';')[0]?.trim() ?? '';
    const text = await response.text();
    const parsed: unknown = type === 'application/json' && text ? JSON.parse(text) : text;
    return { body: bodyOf(parsed), headers: responseHeaders, status: response.status };
  };
}

function bodyOf(value: unknown): FormattedResponse['body'] {
  if (typeof value === 'string' || Array.isArray(value)) return value;
  if (typeof value === 'object' && value !== null) return Object.fromEntries(Object.entries(value));
  return {};
}

/**
 * GitLab's failure text: `{"message": "404 Project Not Found"}`, `{"message": {"title": ["can't be
 * blank"]}}` or `{"message": ["…"]}` (validation), `{"error": "title is missing"}` or OAuth's
 * `{"error": "invalid_token", "error_description": …}` (REST API docs, "Data validation and error
 * reporting").
 */
export function describe(text: string, contentType: string | null): string {
  if (!contentType?.includes('json')) return text.slice(0, 500);
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body !== 'object' || body === null) return text;
    const fields = Object.fromEntries(Object.entries(body));
    const message = fields.message ?? fields.error_description ?? fields.error;
    if (typeof message === 'string') return message;
    if (Array.isArray(message)) return message.map(String).join('; ');
    if (typeof message === 'object' && message !== null) {
      return Object.entries(message)
        .map(([field, problems]) => `${field} ${Array.isArray(problems) ? problems.join(', ') : String(problems)}`)
        .join('; ');
    }
    return text;
  } catch {
    return text.slice(0, 500);
  }
}
