import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Auth } from '../auth.js';
import { ConnectorError } from '../errors.js';
import { createHttpClient } from './client.js';
import { cookiePairs } from './cookie.js';

// A real server on loopback, no dispatcher: what connectors get from Node's global fetch.
type Handler = (req: IncomingMessage, body: string, res: ServerResponse) => void;
const routes = new Map<string, Handler>();
let server: Server;
let base: string;

beforeAll(async () => {
  server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const route = routes.get(new URL(req.url ?? '/', 'http://x').pathname);
      if (route) route(req, Buffer.concat(chunks).toString('utf8'), res);
      else res.writeHead(404).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.closeAllConnections();
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('the HTTP client on the global fetch', () => {
  it('sends the method, headers and body, and reads status, headers and JSON', async () => {
    routes.set('/items', (req, body, res) => {
      res.writeHead(201, { 'content-type': 'application/json', 'x-seen': `${req.method} ${req.headers['x-team']}` });
      res.end(JSON.stringify({ received: JSON.parse(body), type: req.headers['content-type'] }));
    });
    const res = await createHttpClient({ baseUrl: base, headers: { 'X-Team': 'blue' } }).post('/items', {
      json: { name: 'Widget' },
    });
    expect(res).toMatchObject({
      status: 201,
      headers: { 'x-seen': 'POST blue' },
      data: { received: { name: 'Widget' }, type: 'application/json' },
      url: `${base}/items`,
    });
  });

  it('joins repeated Set-Cookie headers, so cookiePairs reads every cookie', async () => {
    routes.set('/login', (_req, _body, res) => {
      res.writeHead(200, { 'set-cookie': ['JSESSIONID=abc; Path=/; HttpOnly', 'crumb=xyz; Max-Age=60'] }).end('ok');
    });
    const res = await createHttpClient({ baseUrl: base }).get('/login');
    expect(res.headers['set-cookie']).toBe('JSESSIONID=abc; Path=/; HttpOnly, crumb=xyz; Max-Age=60');
    expect(cookiePairs(res.headers['set-cookie'])).toBe('JSESSIONID=abc; crumb=xyz');
  });

  it('follows redirects itself: the 3xx comes back when redirects are off', async () => {
    routes.set('/old', (_req, _body, res) => res.writeHead(302, { location: '/new' }).end());
    routes.set('/new', (req, _body, res) => res.end(`moved, auth ${req.headers.authorization}`));
    const auth = { definition: Auth.bearer(), value: { token: 'tok_1' } };
    const followed = await createHttpClient({ baseUrl: base, auth }).get('/old');
    expect(followed).toMatchObject({ data: 'moved, auth Bearer tok_1', url: `${base}/new` });
    const raw = await createHttpClient({ baseUrl: base, maxRedirects: 0 }).get('/old');
    expect(raw).toMatchObject({ status: 302, headers: { location: '/new' } });
  });

  it('decodes a gzip-encoded body', async () => {
    routes.set('/zipped', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'application/json', 'content-encoding': 'gzip' });
      res.end(gzipSync(JSON.stringify({ ok: true })));
    });
    expect((await createHttpClient({ baseUrl: base }).get('/zipped')).data).toEqual({ ok: true });
  });

  it('times out a body that stops halfway, as a transient error', async () => {
    routes.set('/stall', (_req, _body, res) => {
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('first half');
    });
    const error = await createHttpClient({ baseUrl: base, timeoutMs: 50, retry: false })
      .get('/stall')
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'transient', message: `GET ${base}/stall timed out after 50 ms` });
  });

  it("names the socket's own failure, not fetch's wrapper, and retries it as transient", async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const port = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const error = await createHttpClient({ baseUrl: `http://127.0.0.1:${port}`, retry: false })
      .get('/x')
      .catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'transient', message: expect.stringContaining('ECONNREFUSED') });
    expect((error as ConnectorError).cause).toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('refuses a body on GET before sending anything', async () => {
    let calls = 0;
    routes.set('/search', (_req, _body, res) => {
      calls++;
      res.end('[]');
    });
    const error = await createHttpClient({ baseUrl: base, actionKey: 'items.search' })
      .get('/search', { json: { q: 'x' } })
      .catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: 'invalid_input',
      actionKey: 'items.search',
      message: 'a GET request cannot carry a body',
    });
    expect(calls).toBe(0);
  });
});
