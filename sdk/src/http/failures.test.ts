import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { ConnectorError } from '../errors.js';
import { createClientWith } from './client.js';
import { httpResponseOf } from './response-of.js';
import type { HttpRuntime } from './runtime.js';

// Error bodies as vendors document them: Stripe `{ error: { message } }` (https://docs.stripe.com/api/errors),
// GitHub `{ message, documentation_url }` (https://docs.github.com/en/rest/using-the-rest-api/troubleshooting-the-rest-api).
const API = 'https://api.acme.test';
const json = { 'content-type': 'application/json' };
const noWait: HttpRuntime = { now: () => 0, random: () => 0, sleep: async () => {} };

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const client = (extra: Parameters<typeof createClientWith>[0] = {}) =>
  createClientWith({ baseUrl: API, dispatcher: agent, actionKey: 'items.get', ...extra }, noWait);

describe('HTTP errors', () => {
  it('turns a 404 into not_found with the vendor message, status, action key and the response as cause', async () => {
    const body = { error: { type: 'invalid_request_error', code: 'resource_missing', message: 'No such item: it_9' } };
    agent.get(API).intercept({ path: '/items/it_9?expand=owner' }).reply(404, body, { headers: json });
    const error = await client()
      .get('/items/it_9', { query: { expand: 'owner' } })
      .catch((e) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'not_found',
      status: 404,
      vendorMessage: 'No such item: it_9',
      actionKey: 'items.get',
      message: `GET ${API}/items/it_9 failed with HTTP 404: No such item: it_9`,
    });
    expect(httpResponseOf(error)).toMatchObject({ status: 404, data: body, url: `${API}/items/it_9?expand=owner` });
  });

  it.each([
    [401, { message: 'Bad credentials' }, 'auth', 'Bad credentials'],
    [
      422,
      { message: 'Validation Failed', errors: [{ message: 'title is missing' }] },
      'invalid_input',
      'Validation Failed',
    ],
    [409, { errors: [{ message: 'already exists' }] }, 'conflict', 'already exists'],
    [
      400,
      { error: 'invalid_scope', error_description: 'scope is unknown' },
      'invalid_input',
      'invalid_scope: scope is unknown',
    ],
  ] as const)('maps %i to its kind and finds the message', async (status, body, kind, message) => {
    agent.get(API).intercept({ path: '/x', method: 'POST' }).reply(status, body, { headers: json });
    await expect(client().post('/x', { json: {} })).rejects.toMatchObject({ kind, status, vendorMessage: message });
  });

  it('never retries a 4xx other than 408 and 429', async () => {
    agent.get(API).intercept({ path: '/x' }).reply(400, 'Bad input').times(1);
    await expect(client().get('/x')).rejects.toMatchObject({ kind: 'invalid_input', vendorMessage: 'Bad input' });
  });

  it('cuts connection secrets out of vendor messages and keeps the query out of the message', async () => {
    agent
      .get(API)
      .intercept({ path: '/x?api_key=key_abcdef123' })
      .reply(403, { message: 'key key_abcdef123 is revoked' }, { headers: json });
    const error = await client({
      auth: { definition: Auth.apiKey({ in: 'query', name: 'api_key' }), value: { apiKey: 'key_abcdef123' } },
    })
      .get('/x')
      .catch((e) => e);
    expect(error.message).toBe(`GET ${API}/x failed with HTTP 403: key [redacted] is revoked`);
    expect(JSON.stringify(error)).not.toContain('key_abcdef123');
  });

  it('times out each try, naming the timeout, as a transient error', async () => {
    agent.get(API).intercept({ path: '/slow', method: 'POST' }).reply(200, 'late').delay(300);
    const error = await client({ timeoutMs: 20 })
      .post('/slow', { json: {} })
      .catch((e) => e);
    expect(error).toMatchObject({ kind: 'transient', message: `POST ${API}/slow timed out after 20 ms` });
    expect(error.retryable).toBe(true);
  });

  it('lets a request set its own timeout', async () => {
    agent.get(API).intercept({ path: '/slow' }).reply(200, 'late').delay(300).times(2);
    await expect(client({ retry: { attempts: 2 } }).get('/slow', { timeoutMs: 15 })).rejects.toThrow(
      'timed out after 15 ms',
    );
  });

  it('makes a dropped connection transient and an unknown failure unknown', async () => {
    agent
      .get(API)
      .intercept({ path: '/reset' })
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))
      .times(3);
    agent.get(API).intercept({ path: '/odd' }).replyWithError(new Error('something else'));
    await expect(client().get('/reset')).rejects.toMatchObject({
      kind: 'transient',
      message: `GET ${API}/reset failed: socket hang up`,
    });
    await expect(client().get('/odd')).rejects.toMatchObject({ kind: 'unknown' });
  });
});
