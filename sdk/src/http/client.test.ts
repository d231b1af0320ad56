import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { ConnectorError } from '../errors.js';
import { createClientWith, createHttpClient } from './client.js';
import { type HttpRuntime, systemRuntime } from './runtime.js';

// Response shapes follow the Stripe API reference (https://docs.stripe.com/api/errors): errors are
// `{ "error": { "type", "code", "message" } }` with conventional status codes.
const API = 'https://api.acme.test';

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent({ enableCallHistory: true });
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const json = { 'content-type': 'application/json' };
const noWait: HttpRuntime = { now: () => 0, random: () => 0, sleep: async () => {} };
const lastCall = () => agent.getCallHistory()?.lastCall();

describe('createHttpClient requests', () => {
  it('joins baseUrl and path, appends the query and decodes JSON', async () => {
    agent
      .get(API)
      .intercept({ path: '/v1/items?limit=2&tag=a&tag=b&active=true', method: 'GET' })
      .reply(200, { data: [{ id: 'it_1' }] }, { headers: json });
    const http = createHttpClient({ baseUrl: `${API}/v1/`, dispatcher: agent });
    const res = await http.get<{ data: { id: string }[] }>('/items', {
      query: { limit: 2, tag: ['a', 'b'], active: true, skipped: undefined },
    });
    expect(res).toEqual({
      status: 200,
      headers: expect.objectContaining({ 'content-type': 'application/json' }),
      data: { data: [{ id: 'it_1' }] },
      url: `${API}/v1/items?limit=2&tag=a&tag=b&active=true`,
    });
    expect(lastCall()?.headers).toMatchObject({ accept: 'application/json, */*;q=0.8' });
    expect(String(lastCall()?.headers?.['user-agent'])).toMatch(/^mova-sdk\//);
  });

  it('sends json, form and text bodies with their content types', async () => {
    const pool = agent.get(API);
    pool
      .intercept({ path: '/v1/items', method: 'POST', body: '{"name":"Widget"}' })
      .reply(201, { id: 'it_2' }, { headers: json });
    pool.intercept({ path: '/v1/tokens', method: 'POST', body: 'grant=a+b&x=%26' }).reply(200, 'ok');
    pool.intercept({ path: '/v1/notes', method: 'PUT', body: 'plain words' }).reply(204, '');
    const http = createHttpClient({ baseUrl: `${API}/v1`, dispatcher: agent });

    await expect(http.post('/items', { json: { name: 'Widget' } })).resolves.toMatchObject({
      status: 201,
      data: { id: 'it_2' },
    });
    expect(lastCall()?.headers).toMatchObject({ 'content-type': 'application/json' });
    await expect(http.post('/tokens', { form: { grant: 'a b', x: '&' } })).resolves.toMatchObject({ data: 'ok' });
    expect(lastCall()?.headers).toMatchObject({ 'content-type': 'application/x-www-form-urlencoded' });
    await expect(http.put('/notes', { text: 'plain words' })).resolves.toMatchObject({ status: 204, data: '' });
    expect(lastCall()?.headers).toMatchObject({ 'content-type': 'text/plain; charset=utf-8' });
  });

  it('refuses two bodies at once', async () => {
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    await expect(http.post('/x', { json: {}, text: 'also' })).rejects.toThrow(/only one of json, form and text/);
  });

  it('lets request headers override client headers, names compared without case', async () => {
    agent
      .get(API)
      .intercept({ path: '/h', headers: { 'x-team': 'blue', accept: 'text/csv', 'user-agent': 'acme-bot/1' } })
      .reply(200, 'a,b', { headers: { 'content-type': 'text/csv' } });
    const http = createHttpClient({
      baseUrl: API,
      dispatcher: agent,
      userAgent: 'acme-bot/1',
      headers: { 'X-Team': 'red', Accept: 'application/json' },
    });
    const res = await http.get('/h', { headers: { 'x-team': 'blue', ACCEPT: 'text/csv' } });
    expect(res.data).toBe('a,b');
  });

  it('decodes by responseType: text keeps JSON as text, buffer gives bytes, json parses any content type', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/j' }).reply(200, '{"a":1}', { headers: json }).times(2);
    pool.intercept({ path: '/t' }).reply(200, '{"b":2}', { headers: { 'content-type': 'text/plain' } });
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    expect((await http.get('/j', { responseType: 'text' })).data).toBe('{"a":1}');
    const bytes = (await http.get('/j', { responseType: 'buffer' })).data;
    expect(Buffer.isBuffer(bytes) && bytes.toString()).toBe('{"a":1}');
    expect((await http.get('/t', { responseType: 'json' })).data).toEqual({ b: 2 });
  });

  it('reads problem+json as JSON and an empty JSON body as undefined', async () => {
    const pool = agent.get(API);
    pool
      .intercept({ path: '/p' })
      .reply(200, '{"ok":true}', { headers: { 'content-type': 'application/problem+json' } });
    pool.intercept({ path: '/e', method: 'DELETE' }).reply(200, '', { headers: json });
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    expect((await http.get('/p')).data).toEqual({ ok: true });
    expect((await http.delete('/e')).data).toBeUndefined();
  });

  it('turns a 2xx body that is not JSON into a ConnectorError that says how to read it', async () => {
    agent.get(API).intercept({ path: '/bad' }).reply(200, '<html>', { headers: json });
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    await expect(http.get('/bad')).rejects.toMatchObject({
      kind: 'unknown',
      status: 200,
      message: `GET ${API}/bad answered HTTP 200 with a body that is not valid JSON`,
    });
  });

  it('takes an absolute URL as the path, and needs one without a baseUrl', async () => {
    agent.get('https://other.test').intercept({ path: '/abs' }).reply(200, 'x');
    const http = createHttpClient({ dispatcher: agent });
    expect((await http.get('https://other.test/abs')).url).toBe('https://other.test/abs');
    await expect(http.get('/relative')).rejects.toThrow(/not an absolute http\(s\) URL and the client has no baseUrl/);
  });

  it('uses the global dispatcher when none is given', async () => {
    const { getGlobalDispatcher, setGlobalDispatcher } = await import('undici');
    const previous = getGlobalDispatcher();
    setGlobalDispatcher(agent);
    try {
      agent.get(API).intercept({ path: '/global' }).reply(200, 'via global');
      expect((await createHttpClient({ baseUrl: API }).get('/global')).data).toBe('via global');
    } finally {
      setGlobalDispatcher(previous);
    }
  });
});

describe('redirects', () => {
  const auth = { definition: Auth.bearer(), value: { token: 'tok_secret' } };

  it('follows a same-origin redirect with the credentials and reports the final URL', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/old' }).reply(301, '', { headers: { location: '/new' } });
    pool.intercept({ path: '/new', headers: { authorization: 'Bearer tok_secret' } }).reply(200, 'moved');
    const http = createHttpClient({ baseUrl: API, dispatcher: agent, auth });
    await expect(http.get('/old')).resolves.toMatchObject({ data: 'moved', url: `${API}/new` });
  });

  it('drops the credentials and the client headers on a redirect to another origin', async () => {
    agent
      .get(API)
      .intercept({ path: '/download' })
      .reply(302, '', { headers: { location: 'https://cdn.test/f' } });
    agent
      .get('https://cdn.test')
      .intercept({
        path: '/f',
        headers: (h) => !('authorization' in h) && !('x-tenant' in h) && h['x-request'] === 'r1',
      })
      .reply(200, 'file');
    const http = createHttpClient({ baseUrl: API, dispatcher: agent, auth, headers: { 'x-tenant': 't1' } });
    await expect(http.get('/download', { headers: { 'x-request': 'r1' } })).resolves.toMatchObject({ data: 'file' });
  });

  it('turns a POST into a GET without body on 303', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/jobs', method: 'POST' }).reply(303, '', { headers: { location: '/jobs/7' } });
    pool
      .intercept({ path: '/jobs/7', method: 'GET', headers: (h) => !('content-type' in h) })
      .reply(200, { id: 7 }, { headers: json });
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    await expect(http.post('/jobs', { json: { run: true } })).resolves.toMatchObject({ data: { id: 7 } });
  });

  it('returns the 3xx as it is when redirects are off', async () => {
    agent
      .get(API)
      .intercept({ path: '/old' })
      .reply(301, '', { headers: { location: '/new' } });
    const http = createHttpClient({ baseUrl: API, dispatcher: agent, maxRedirects: 0 });
    await expect(http.get('/old')).resolves.toMatchObject({ status: 301, headers: { location: '/new' } });
  });
});

describe('cancellation', () => {
  it('passes the abort reason on and does not retry', async () => {
    const controller = new AbortController();
    let reached = () => {};
    const atServer = new Promise<void>((resolve) => {
      reached = resolve;
    });
    // One interceptor, answering late: a retry after the abort would find none.
    agent
      .get(API)
      .intercept({
        path: '/slow',
        headers: () => {
          reached();
          return true;
        },
      })
      .reply(200, 'late')
      .delay(500);
    const http = createClientWith({ baseUrl: API, dispatcher: agent, signal: controller.signal }, noWait);
    const pending = http.get('/slow');
    await atServer;
    const reason = new Error('step cancelled');
    controller.abort(reason);
    await expect(pending).rejects.toBe(reason);
  });

  it('stops a backoff wait when the step is cancelled', async () => {
    agent.get(API).intercept({ path: '/down' }).reply(503, 'down');
    const controller = new AbortController();
    const http = createClientWith(
      { baseUrl: API, dispatcher: agent, signal: controller.signal, retry: { baseDelayMs: 60_000 } },
      { ...systemRuntime, random: () => 1 },
    );
    const started = Date.now();
    const pending = http.get('/down');
    setTimeout(() => controller.abort(new Error('step cancelled')), 20);
    await expect(pending).rejects.toThrow('step cancelled');
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('rejects with the AbortError of a request signal that was already aborted', async () => {
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    const error = await http.get('/never', { signal: AbortSignal.abort() }).catch((e) => e);
    expect(error).not.toBeInstanceOf(ConnectorError);
    expect(error.name).toBe('AbortError');
  });
});
