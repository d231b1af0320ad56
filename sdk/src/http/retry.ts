import type { HttpMethod, RetryOptions } from './types.js';

export interface RetryPolicy {
  attempts: number;
  baseDelayMs: number;
  maxDelayMs: number;
  nonIdempotent: boolean;
}

export const DEFAULT_RETRY: RetryPolicy = { attempts: 3, baseDelayMs: 500, maxDelayMs: 30_000, nonIdempotent: false };

export function retryPolicy(options: RetryOptions | false | undefined): RetryPolicy {
  if (options === false) return { ...DEFAULT_RETRY, attempts: 1 };
  return {
    attempts: Math.max(1, Math.floor(options?.attempts ?? DEFAULT_RETRY.attempts)),
    baseDelayMs: options?.baseDelayMs ?? DEFAULT_RETRY.baseDelayMs,
    maxDelayMs: options?.maxDelayMs ?? DEFAULT_RETRY.maxDelayMs,
    nonIdempotent: options?.nonIdempotent ?? DEFAULT_RETRY.nonIdempotent,
  };
}

/** Exponential backoff with full jitter: a random wait below `base * 2^(try - 1)`, capped. */
export function backoffMs(attempt: number, policy: RetryPolicy, random: () => number): number {
  const ceiling = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** (attempt - 1));
  return Math.floor(random() * ceiling);
}

const IDEMPOTENT = new Set<HttpMethod>(['GET', 'HEAD', 'OPTIONS', 'PUT', 'DELETE']);

/** Whether sending the request twice is harmless (RFC 9110 §9.2.2), or the caller made it so. */
export function isIdempotent(method: HttpMethod, headers: Record<string, string>, policy: RetryPolicy): boolean {
  return IDEMPOTENT.has(method) || policy.nonIdempotent || 'idempotency-key' in headers;
}

/** Statuses worth another try; 501 and 505 will not change by asking again. */
export function isRetryableStatus(status: number): boolean {
  return status === 408 || status === 429 || (status >= 500 && status !== 501 && status !== 505);
}
