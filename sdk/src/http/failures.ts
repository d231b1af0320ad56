import { errnoCode, NETWORK_ERROR_CODES } from '../error-mapping.js';
import { ConnectorError, errorKindForStatus } from '../errors.js';
import type { HttpMethod, HttpResponse } from './types.js';
import { describeUrl } from './url.js';
import { vendorMessage } from './vendor-message.js';

/** What every error message of one request names. */
export interface FailureContext {
  method: HttpMethod;
  url: URL;
  actionKey?: string;
  /** Connection secrets, cut out of anything the vendor echoes back. */
  secrets: readonly string[];
}

/**
 * A non-2xx answer as a ConnectorError. `cause` is the response (status, headers, decoded body),
 * so a connector can read the vendor's own error codes from it; see `httpResponseOf`.
 */
export function statusError(
  ctx: FailureContext,
  response: HttpResponse<unknown>,
  rawBody: string,
  retryAfterMs?: number,
): ConnectorError {
  const found = vendorMessage(rawBody, response.headers['content-type']);
  const message = found === undefined ? undefined : redact(found, ctx.secrets);
  return new ConnectorError(`${label(ctx)} failed with HTTP ${response.status}${message ? `: ${message}` : ''}`, {
    kind: errorKindForStatus(response.status),
    status: response.status,
    vendorMessage: message,
    actionKey: ctx.actionKey,
    retryAfter: retryAfterMs === undefined ? undefined : Math.ceil(retryAfterMs / 1000),
    cause: response,
  });
}

export function timeoutError(ctx: FailureContext, timeoutMs: number, cause: unknown): ConnectorError {
  return new ConnectorError(`${label(ctx)} timed out after ${timeoutMs} ms`, {
    kind: 'transient',
    actionKey: ctx.actionKey,
    cause,
  });
}

/** Failures below HTTP: the connection was refused, reset or never made. */
export function networkError(ctx: FailureContext, cause: unknown): ConnectorError {
  const code = errnoCode(cause);
  const reason = redact(cause instanceof Error ? cause.message : String(cause), ctx.secrets);
  return new ConnectorError(`${label(ctx)} failed: ${reason}`, {
    kind: code !== undefined && NETWORK_ERROR_CODES.has(code) ? 'transient' : 'unknown',
    actionKey: ctx.actionKey,
    cause,
  });
}

/** A 2xx body that claims to be JSON but is not. */
export function invalidBodyError(ctx: FailureContext, status: number, cause: unknown): ConnectorError {
  return new ConnectorError(
    `${label(ctx)} answered HTTP ${status} with a body that is not valid JSON`,
    { kind: 'unknown', status, actionKey: ctx.actionKey, cause },
    "Ask for `responseType: 'text'` to read the body as it is.",
  );
}

// Failures where the request never reached the server, so even a POST may be sent again.
const NOT_SENT_CODES = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'UND_ERR_CONNECT_TIMEOUT']);

export function neverReachedServer(cause: unknown): boolean {
  const code = errnoCode(cause);
  return code !== undefined && NOT_SENT_CODES.has(code);
}

export function redact(text: string, secrets: readonly string[]): string {
  let out = text;
  for (const secret of secrets) {
    if (secret.length >= 4) out = out.replaceAll(secret, '[redacted]');
  }
  return out;
}

function label(ctx: FailureContext): string {
  return `${ctx.method} ${describeUrl(ctx.url)}`;
}
