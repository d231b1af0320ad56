import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createClientWith } from './client.js';
import { backoffMs, DEFAULT_RETRY, isRetryableStatus, retryPolicy } from './retry.js';
import type { HttpRuntime } from './runtime.js';

// Retry-After per RFC 9110 §10.2.3 (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after): delay-seconds or
// an HTTP-date; GitHub documents it on secondary rate limits
// (https://docs.github.com/en/rest/using-the-rest-api/rate-limits-for-the-rest-api).
const API = 'https://api.acme.test';
const NOW = Date.parse('2025-01-01T00:00:00Z');

/** A clock that moves only when the client sleeps, recording each wait. */
function fakeRuntime(random = 0.5) {
  const sleeps: number[] = [];
  let now = NOW;
  const runtime: HttpRuntime = {
    now: () => now,
    random: () => random,
    sleep: async (ms) => {
      sleeps.push(ms);
      now += ms;
    },
  };
  return { runtime, sleeps };
}

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

describe('retry policy', () => {
  it('fills defaults, and false means one try', () => {
    expect(retryPolicy(undefined)).toEqual(DEFAULT_RETRY);
    expect(retryPolicy({ attempts: 5, baseDelayMs: undefined })).toEqual({ ...DEFAULT_RETRY, attempts: 5 });
    expect(retryPolicy(false).attempts).toBe(1);
    expect(retryPolicy({ attempts: 0 }).attempts).toBe(1);
  });

  it('backs off exponentially with full jitter under the cap', () => {
    const policy = { ...DEFAULT_RETRY, baseDelayMs: 100, maxDelayMs: 1000 };
    expect([1, 2, 3, 4, 5].map((n) => backoffMs(n, policy, () => 0.999))).toEqual([99, 199, 399, 799, 999]);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });

  it('retries 408, 429 and 5xx except 501 and 505', () => {
    expect([408, 429, 500, 502, 503, 504].every(isRetryableStatus)).toBe(true);
    expect([400, 401, 403, 404, 409, 422, 501, 505].some(isRetryableStatus)).toBe(false);
  });
});

describe('retrying requests', () => {
  it('retries a 503 with jittered backoff and returns the success', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/items' }).reply(503, 'Service Unavailable').times(2);
    pool.intercept({ path: '/items' }).reply(200, 'ok');
    const { runtime, sleeps } = fakeRuntime(0.5);
    const http = createClientWith({ baseUrl: API, dispatcher: agent, retry: { baseDelayMs: 100 } }, runtime);
    await expect(http.get('/items')).resolves.toMatchObject({ data: 'ok' });
    expect(sleeps).toEqual([50, 100]);
  });

  it('gives up after the attempts with the last error', async () => {
    agent.get(API).intercept({ path: '/items' }).reply(502, 'Bad Gateway').times(3);
    const { runtime, sleeps } = fakeRuntime();
    const http = createClientWith({ baseUrl: API, dispatcher: agent }, runtime);
    await expect(http.get('/items')).rejects.toMatchObject({
      kind: 'transient',
      status: 502,
      vendorMessage: 'Bad Gateway',
    });
    expect(sleeps).toHaveLength(2);
  });

  it('retries a dropped connection', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/items' }).replyWithError(Object.assign(new Error('reset'), { code: 'ECONNRESET' }));
    pool.intercept({ path: '/items' }).reply(200, 'ok');
    const http = createClientWith({ baseUrl: API, dispatcher: agent }, fakeRuntime().runtime);
    await expect(http.get('/items')).resolves.toMatchObject({ data: 'ok' });
  });

  it('waits out a 429 Retry-After in seconds', async () => {
    const pool = agent.get(API);
    pool
      .intercept({ path: '/items', method: 'POST' })
      .reply(429, { message: 'slow down' }, { headers: { 'retry-after': '2' } });
    pool.intercept({ path: '/items', method: 'POST' }).reply(201, 'created');
    const { runtime, sleeps } = fakeRuntime();
    const http = createClientWith({ baseUrl: API, dispatcher: agent }, runtime);
    // A 429 means the server did no work, so even a POST is sent again.
    await expect(http.post('/items', { json: { a: 1 } })).resolves.toMatchObject({ status: 201 });
    expect(sleeps).toEqual([2000]);
  });

  it('waits out a Retry-After given as an HTTP date', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/items' }).reply(429, '', { headers: { 'retry-after': 'Wed, 01 Jan 2025 00:00:05 GMT' } });
    pool.intercept({ path: '/items' }).reply(200, 'ok');
    const { runtime, sleeps } = fakeRuntime();
    await createClientWith({ baseUrl: API, dispatcher: agent }, runtime).get('/items');
    expect(sleeps).toEqual([5000]);
  });

  it('does not wait out a Retry-After beyond maxDelayMs: the error carries it for the runtime', async () => {
    agent
      .get(API)
      .intercept({ path: '/items' })
      .reply(429, { message: 'quota' }, { headers: { 'retry-after': '3600' } });
    const { runtime, sleeps } = fakeRuntime();
    const http = createClientWith({ baseUrl: API, dispatcher: agent }, runtime);
    await expect(http.get('/items')).rejects.toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 3600 });
    expect(sleeps).toEqual([]);
  });

  it('does not resend a POST after a 5xx, unless it carries an Idempotency-Key', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/charges', method: 'POST' }).reply(500, 'oops');
    pool.intercept({ path: '/charges', method: 'POST', headers: { 'idempotency-key': 'k1' } }).reply(500, 'oops');
    pool.intercept({ path: '/charges', method: 'POST', headers: { 'idempotency-key': 'k1' } }).reply(200, 'charged');
    const http = createClientWith({ baseUrl: API, dispatcher: agent }, fakeRuntime().runtime);
    await expect(http.post('/charges', { json: {} })).rejects.toMatchObject({ status: 500 });
    await expect(http.post('/charges', { json: {}, headers: { 'Idempotency-Key': 'k1' } })).resolves.toMatchObject({
      data: 'charged',
    });
  });

  it('resends a POST whose connection was refused: the server never saw it', async () => {
    const pool = agent.get(API);
    pool
      .intercept({ path: '/charges', method: 'POST' })
      .replyWithError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }));
    pool.intercept({ path: '/charges', method: 'POST' }).reply(200, 'charged');
    const http = createClientWith({ baseUrl: API, dispatcher: agent }, fakeRuntime().runtime);
    await expect(http.post('/charges', { json: {} })).resolves.toMatchObject({ data: 'charged' });
  });

  it('sends once with retry: false', async () => {
    agent.get(API).intercept({ path: '/items' }).reply(503, 'down');
    const http = createClientWith({ baseUrl: API, dispatcher: agent, retry: false }, fakeRuntime().runtime);
    await expect(http.get('/items')).rejects.toMatchObject({ status: 503 });
  });
});
