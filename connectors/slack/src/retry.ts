import type { RetryOptions } from '@slack/web-api';

/**
 * How often the Slack SDK itself retries a request that failed on the network or got a non-200 answer.
 * Kept short: a workflow step has its own timeout and retry policy, and the SDK's default (ten retries
 * over about thirty minutes) would outlive any step. Rate limits are not retried here at all; they
 * surface as `rate_limit` errors carrying Slack's Retry-After, so the runtime decides when to try again.
 */
export const retryPolicy: RetryOptions = { retries: 2, factor: 2, minTimeout: 500, maxTimeout: 4000, randomize: true };
