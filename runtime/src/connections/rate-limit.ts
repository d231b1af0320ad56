import { parseDuration } from '../duration.js';
import { type Clock, systemClock } from '../engine/clock.js';
import { isRecord } from '../is-record.js';
import type { Metrics } from '../metrics/metrics.js';

/** How often the steps using one connection may call its connector: `requests` per `per` (`"1s"`, `"1m"`). */
export interface RateLimit {
  requests: number;
  per: string;
}

/**
 * Checks a connection's `rateLimit` field; returns the problem as a sentence, or the limit.
 * `per` is a duration (`"1s"`, `"1m"`, `"10s"`) from 1 ms to 1 day.
 */
export function parseRateLimit(value: unknown): RateLimit | string {
  if (!isRecord(value)) return 'must be an object { "requests": <count>, "per": "1s" | "1m" }';
  const { requests, per } = value;
  if (typeof requests !== 'number' || !Number.isInteger(requests) || requests < 1 || requests > 1_000_000) {
    return '"requests" must be a whole number from 1 to 1000000';
  }
  const ms = typeof per === 'string' ? parseDuration(per) : undefined;
  if (typeof per !== 'string' || ms === undefined || ms < 1 || ms > 86_400_000) {
    return '"per" must be a duration such as "1s" or "1m" (at most "1d")';
  }
  const extra = Object.keys(value).filter((key) => key !== 'requests' && key !== 'per');
  if (extra.length > 0) return `has unknown field(s) ${extra.join(', ')}; only "requests" and "per"`;
  return { requests, per };
}

interface Waiter {
  wake: () => void;
  fail: (reason: unknown) => void;
}

/**
 * One connection's token bucket: it holds up to `requests` tokens, starts full and gains one every
 * `per / requests`; a call takes one, waiting first when there is none. Waiters are served in order.
 */
class Bucket {
  private tokens: number;
  private last: number;
  private readonly interval: number;
  private readonly queue: Waiter[] = [];
  private timer: unknown;

  constructor(
    readonly limit: RateLimit,
    private readonly clock: Clock,
  ) {
    this.tokens = limit.requests;
    this.last = clock.now();
    this.interval = (parseDuration(limit.per) ?? 1000) / limit.requests;
  }

  get waiting(): number {
    return this.queue.length;
  }

  /** Takes a token at once (true), or queues for one: `wait` resolves when it is taken. */
  take(signal: AbortSignal | undefined): { now: true } | { now: false; wait: Promise<void> } {
    this.refill();
    if (this.queue.length === 0 && this.tokens >= 1) {
      this.tokens -= 1;
      return { now: true };
    }
    let waiter!: Waiter;
    const wait = new Promise<void>((wake, fail) => {
      waiter = { wake, fail };
    });
    this.queue.push(waiter);
    const abort = () => {
      const at = this.queue.indexOf(waiter);
      if (at < 0) return;
      this.queue.splice(at, 1);
      waiter.fail(signal?.reason);
    };
    signal?.addEventListener('abort', abort, { once: true });
    void wait.then(
      () => signal?.removeEventListener('abort', abort),
      () => {},
    );
    this.schedule();
    return { now: false, wait };
  }

  private refill() {
    const now = this.clock.now();
    this.tokens = Math.min(this.limit.requests, this.tokens + (now - this.last) / this.interval);
    this.last = now;
  }

  /** Serves the waiters the tokens allow, then sets a timer for the next token if any still wait. */
  private serve = () => {
    this.timer = undefined;
    this.refill();
    while (this.queue.length > 0 && this.tokens >= 1) {
      this.tokens -= 1;
      this.queue.shift()?.wake();
    }
    this.schedule();
  };

  private schedule() {
    if (this.timer !== undefined || this.queue.length === 0) return;
    // Never less than 1 ms: a fraction of a token short must not spin.
    this.timer = this.clock.setTimeout(this.serve, Math.max(1, Math.ceil((1 - this.tokens) * this.interval)));
  }
}

/**
 * The rate limits of a runtime's connections, shared by all its runs: before each try of a step
 * that uses a connection with `rateLimit`, the step takes a token of that connection's bucket and
 * waits for one when there is none (first come, first served). A connector action is the unit the
 * runtime sees, so each try of a step counts as one request, whatever it does inside.
 * @example
 * const limiter = new RateLimiter({ metrics });
 * await limiter.take('crm', { requests: 10, per: '1s' }, signal);
 */
export class RateLimiter {
  private readonly buckets = new Map<string, Bucket>();
  private readonly clock: Clock;
  private readonly metrics: Metrics | undefined;

  constructor(options: { clock?: Clock; metrics?: Metrics } = {}) {
    this.clock = options.clock ?? systemClock;
    this.metrics = options.metrics;
  }

  /**
   * Takes a token of the connection's bucket, waiting for one when needed; resolves with the
   * milliseconds waited (0 when a token was there). Rejects with the signal's reason if it aborts
   * first. A changed limit for the same connection name starts a new bucket.
   */
  async take(connection: string, limit: RateLimit, signal?: AbortSignal): Promise<number> {
    signal?.throwIfAborted();
    let bucket = this.buckets.get(connection);
    if (!bucket || bucket.limit.requests !== limit.requests || bucket.limit.per !== limit.per) {
      bucket = new Bucket(limit, this.clock);
      this.buckets.set(connection, bucket);
    }
    const taken = bucket.take(signal);
    if (taken.now) {
      this.metrics?.rateLimitWaited(connection, 0);
      return 0;
    }
    const started = this.clock.now();
    this.metrics?.rateLimitWaiting(connection, bucket.waiting);
    try {
      await taken.wait;
    } finally {
      this.metrics?.rateLimitWaiting(connection, bucket.waiting);
    }
    const waited = this.clock.now() - started;
    this.metrics?.rateLimitWaited(connection, waited / 1000);
    return waited;
  }

  /** Steps waiting for a token, by connection. */
  waiting(): Record<string, number> {
    return Object.fromEntries([...this.buckets].map(([name, bucket]) => [name, bucket.waiting]));
  }
}
