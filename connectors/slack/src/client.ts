import type { ActionContext } from '@mova/sdk';
import { type Logger, LogLevel, WebClient } from '@slack/web-api';
import { SLACK_API_URL, type SlackConnection } from './connection.js';
import { toConnectorError } from './errors.js';
import { retryPolicy } from './retry.js';

/**
 * Runs `call` with a Slack client for this connection and turns any failure into a ConnectorError.
 * @example
 * const res = await callSlack(auth, ctx, (slack) => slack.chat.postMessage({ channel, text }));
 */
export async function callSlack<T>(
  auth: SlackConnection,
  ctx: ActionContext | undefined,
  call: (slack: WebClient) => Promise<T>,
): Promise<T> {
  try {
    return await call(createClient(auth, ctx));
  } catch (error) {
    throw toConnectorError(error, ctx?.actionKey);
  }
}

function createClient(auth: SlackConnection, ctx: ActionContext | undefined): WebClient {
  return new WebClient(auth.token, {
    slackApiUrl: auth.apiUrl ?? SLACK_API_URL,
    retryConfig: retryPolicy,
    rejectRateLimitedCalls: true,
    logger: ctx ? hostLogger(ctx) : undefined,
    // Looked up per call (not captured at load) so the step's abort signal reaches every request.
    fetch: (url, init) => globalThis.fetch(url, { ...init, signal: withStepSignal(init?.signal, ctx?.signal) }),
  });
}

function withStepSignal(request: AbortSignal | undefined, step: AbortSignal | undefined): AbortSignal | undefined {
  if (request && step) return AbortSignal.any([request, step]);
  return request ?? step;
}

/** Sends the SDK's log lines to the host instead of the worker's console. */
function hostLogger(ctx: ActionContext): Logger {
  const line = (parts: unknown[]) => parts.map((p) => (typeof p === 'string' ? p : JSON.stringify(p))).join(' ');
  return {
    debug: (...parts) => ctx.log('debug', line(parts)),
    info: (...parts) => ctx.log('info', line(parts)),
    warn: (...parts) => ctx.log('warn', line(parts)),
    error: (...parts) => ctx.log('error', line(parts)),
    setLevel: () => {},
    getLevel: () => LogLevel.DEBUG,
    setName: () => {},
  };
}
