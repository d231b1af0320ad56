import { describe, expect, it } from 'vitest';
import { retryDelay } from './retry.js';

describe('retryDelay', () => {
  it('doubles the delay per failed try up to max_delay', () => {
    const policy = { attempts: 10, delay: '100ms', max_delay: '1s', jitter: false };
    expect([1, 2, 3, 4, 5, 6].map((n) => retryDelay(policy, n))).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('keeps a fixed delay', () => {
    expect(retryDelay({ attempts: 3, backoff: 'fixed', delay: '2s', jitter: false }, 3)).toBe(2000);
  });

  it('spreads the delay over 50–100% with jitter', () => {
    const policy = { attempts: 3, delay: '1s', jitter: true };
    expect(retryDelay(policy, 1, undefined, () => 0)).toBe(500);
    expect(retryDelay(policy, 1, undefined, () => 0.999_999)).toBe(1000);
  });

  it("waits at least as long as the service's Retry-After", () => {
    expect(retryDelay({ attempts: 3, delay: '100ms', jitter: false }, 1, 3)).toBe(3000);
    expect(retryDelay({ attempts: 3, delay: '5s', jitter: false }, 1, 1)).toBe(5000);
  });

  it('defaults to 1s exponential, capped at 30s', () => {
    expect(retryDelay({ attempts: 9, jitter: false }, 1)).toBe(1000);
    expect(retryDelay({ attempts: 9, jitter: false }, 8)).toBe(30_000);
  });
});
