import { parseDuration } from '../duration.js';
import type { RetryPolicy } from '../workflow/types.js';

const DEFAULT_DELAY_MS = 1000;
const DEFAULT_MAX_DELAY_MS = 30_000;

/**
 * How long to wait before the next try, after `attempt` tries failed: `delay`, doubled per try
 * for exponential backoff, capped at `max_delay`, then with jitter a random 50–100% of that. A
 * service's Retry-After wins when it asks for longer.
 * @example retryDelay({ attempts: 3, backoff: 'fixed', delay: '2s', jitter: false }, 1) // 2000
 */
export function retryDelay(
  policy: RetryPolicy,
  attempt: number,
  retryAfterSeconds?: number,
  random = Math.random,
): number {
  const base = parseDuration(policy.delay ?? '') ?? DEFAULT_DELAY_MS;
  const max = parseDuration(policy.max_delay ?? '') ?? DEFAULT_MAX_DELAY_MS;
  let delay = policy.backoff === 'fixed' ? base : base * 2 ** (attempt - 1);
  delay = Math.min(delay, max);
  if (policy.jitter !== false) delay *= 0.5 + random() * 0.5;
  if (retryAfterSeconds !== undefined) delay = Math.max(delay, retryAfterSeconds * 1000);
  return Math.round(delay);
}
