import { once } from 'node:events';
import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WorkflowValidationError } from '../src/errors.js';
import { testRuntime, workflow } from './helpers.js';

// A real HTTP server on loopback stands in for the services http_fetch calls; nothing leaves 127.0.0.1.
let server: Server;
let base: string;
let port: number;
let t: Awaited<ReturnType<typeof testRuntime>>;
const flakyHits = new Map<string, number>();

async function readBody(req: IncomingMessage): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
}

beforeAll(async () => {
  server = createServer(async (req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const body = await readBody(req);
    const json = (status: number, value: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(value));
    };
    if (url.pathname === '/echo') {
      return json(200, {
        method: req.method,
        query: Object.fromEntries([...url.searchParams.keys()].map((k) => [k, url.searchParams.getAll(k)])),
        contentType: req.headers['content-type'] ?? null,
        auth: req.headers.authorization ?? null,
        body,
      });
    }
    if (url.pathname === '/text') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('plain words');
    }
    if (url.pathname.startsWith('/status/')) {
      const status = Number(url.pathname.split('/')[2]);
      return json(status, { error: `status ${status}` }, status === 429 ? { 'retry-after': '0' } : {});
    }
    if (url.pathname === '/redirect') {
      res.writeHead(303, { location: `/echo?from=redirect` });
      return res.end();
    }
    if (url.pathname === '/redirect-away') {
      res.writeHead(302, { location: `http://localhost:${port}/echo` });
      return res.end();
    }
    if (url.pathname === '/loop') {
      res.writeHead(302, { location: '/loop' });
      return res.end();
    }
    if (url.pathname === '/slow') {
      setTimeout(() => json(200, { late: true }), 2000).unref();
      return;
    }
    if (url.pathname === '/big') {
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('x'.repeat(2048));
    }
    if (url.pathname === '/flaky') {
      const key = url.searchParams.get('key') ?? '';
      const hits = (flakyHits.get(key) ?? 0) + 1;
      flakyHits.set(key, hits);
      return hits < 2 ? json(503, { error: 'try again' }) : json(200, { hits });
    }
    json(404, { error: 'no route' });
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  port = (server.address() as AddressInfo).port;
  base = `http://127.0.0.1:${port}`;
  t = await testRuntime({ allowHosts: [`127.0.0.1:${port}`], limits: { maxResponseBytes: 1024 } });
});

afterAll(async () => {
  await t.cleanup();
  server.close();
});

const fetchStep = (input: Record<string, unknown>, extra: Record<string, unknown> = {}) =>
  workflow([{ id: 'f', uses: 'http_fetch', with: input as never, ...extra }]);

describe('http_fetch', () => {
  it('GETs JSON with query parameters and returns status, headers and parsed body', async () => {
    const result = await t.runtime.run(fetchStep({ url: `${base}/echo`, query: { q: 'mova', tag: ['a', 'b'], n: 3 } }));
    expect(result.status).toBe('completed');
    expect(result.output).toMatchObject({
      status: 200,
      headers: { 'content-type': 'application/json' },
      body: { method: 'GET', query: { q: ['mova'], tag: ['a', 'b'], n: ['3'] } },
    });
  });

  it('sends a JSON, text or form body with its content type', async () => {
    const send = async (body: unknown) =>
      ((await t.runtime.run(fetchStep({ url: `${base}/echo`, method: 'POST', body }))).output as { body: unknown })
        .body;
    expect(await send({ json: { a: 1 } })).toMatchObject({ contentType: 'application/json', body: '{"a":1}' });
    expect(await send({ text: 'hello' })).toMatchObject({ contentType: 'text/plain; charset=utf-8', body: 'hello' });
    expect(await send({ form: { a: 'x y', b: 2 } })).toMatchObject({
      contentType: 'application/x-www-form-urlencoded',
      body: 'a=x+y&b=2',
    });
  });

  it('reads text bodies as text, or as JSON when asked', async () => {
    expect(((await t.runtime.run(fetchStep({ url: `${base}/text` }))).output as { body: unknown }).body).toBe(
      'plain words',
    );
    const forced = await t.runtime.run(fetchStep({ url: `${base}/text`, response: 'json' }));
    expect(forced.error).toMatchObject({ kind: 'invalid_output' });
  });

  it('fails on a non-2xx status with a kind from the status', async () => {
    const result = await t.runtime.run(fetchStep({ url: `${base}/status/404` }));
    expect(result.error).toMatchObject({ kind: 'not_found', status: 404, step: 'f' });
    expect(result.error?.message).toContain(`GET ${base}/status/404 answered 404`);
    const limited = await t.runtime.run(fetchStep({ url: `${base}/status/429` }));
    expect(limited.error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 0 });
  });

  it('retries a 503 when the step has a retry policy', async () => {
    const result = await t.runtime.run(
      fetchStep({ url: `${base}/flaky`, query: { key: String(Date.now()) } }, { retry: { attempts: 2, delay: '1ms' } }),
    );
    expect(result.output).toMatchObject({ status: 200, body: { hits: 2 } });
  });

  it('follows a redirect on an allowed host, turning 303 into GET', async () => {
    const result = await t.runtime.run(fetchStep({ url: `${base}/redirect`, method: 'POST', body: { text: 'x' } }));
    expect(result.output).toMatchObject({
      status: 200,
      body: { method: 'GET', query: { from: ['redirect'] }, body: '' },
    });
  });

  it('refuses a redirect to a host that is not allowed, without calling it', async () => {
    const result = await t.runtime.run(fetchStep({ url: `${base}/redirect-away` }));
    expect(result.error).toMatchObject({ kind: 'forbidden' });
    expect(result.error?.message).toContain(`may not call localhost:${port}`);
  });

  it('stops after 5 redirects', async () => {
    const result = await t.runtime.run(fetchStep({ url: `${base}/loop` }));
    expect(result.error).toMatchObject({ kind: 'limit' });
  });

  it('refuses a host that is not allowed, computed at run time', async () => {
    const result = await t.runtime.run(workflow([{ id: 'f', uses: 'http_fetch', with: { url: '{{ inputs.url }}' } }]), {
      url: `http://localhost:${port}/echo`,
    });
    expect(result.error).toMatchObject({ kind: 'forbidden', step: 'f' });
  });

  it('refuses a literal URL on a host that is not allowed before running anything', async () => {
    const error = await t.runtime.run(fetchStep({ url: 'https://api.example.com/x' })).catch((e) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect(error.issues[0]).toMatchObject({
      pointer: '/steps/0/with/url',
      message: "calls api.example.com, which is not on the runtime's allowed hosts",
    });
  });

  it('times out by its own timeout', async () => {
    // /slow answers after 2 s: a timeout, not its answer, shows the 100 ms were kept (no wall-clock
    // bound, which a loaded machine can stretch).
    const result = await t.runtime.run(fetchStep({ url: `${base}/slow`, timeout: '100ms' }));
    expect(result.error).toMatchObject({ kind: 'timeout' });
  });

  it('times out by the step timeout', async () => {
    const result = await t.runtime.run(fetchStep({ url: `${base}/slow` }, { timeout: '100ms' }));
    expect(result.error).toMatchObject({ kind: 'timeout', pointer: '/steps/0/timeout' });
  });

  it('refuses a response larger than the limit', async () => {
    const result = await t.runtime.run(fetchStep({ url: `${base}/big` }));
    expect(result.error).toMatchObject({ kind: 'limit' });
  });

  it('fails on input that breaks its schema, computed at run time', async () => {
    const result = await t.runtime.run(
      workflow([{ id: 'f', uses: 'http_fetch', with: { url: `${base}/echo`, method: '{{ inputs.m }}' } }]),
      { m: 'FETCH' },
    );
    expect(result.error).toMatchObject({ kind: 'invalid_input', step: 'f' });
    expect(result.error?.message).toContain('/input/method');
  });

  it('drops the Authorization header on a redirect to another origin', async () => {
    const both = await testRuntime({ allowHosts: [`127.0.0.1:${port}`, `localhost:${port}`] });
    const result = await both.runtime.run(
      fetchStep({ url: `${base}/redirect-away`, headers: { authorization: 'Bearer abc' } }),
    );
    await both.cleanup();
    expect(result.output).toMatchObject({ status: 200, body: { auth: null } });
  });
});
