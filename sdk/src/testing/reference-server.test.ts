import { afterEach, describe, expect, it } from 'vitest';
import { type ReferenceServer, ReplyError, startReferenceServer } from './reference-server.js';

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

describe('startReferenceServer', () => {
  it('answers a route with its path parameters and records the parsed request', async () => {
    server = await startReferenceServer();
    server.route('POST', '/api/items/:id', ({ params, body }) => ({ status: 201, body: { id: params.id, body } }));
    const response = await fetch(`${server.url}/api/items/a%20b?x=1`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ n: 1 }),
    });
    expect(response.status).toBe(201);
    expect(await response.json()).toEqual({ id: 'a b', body: { n: 1 } });
    expect(server.requests[0]?.query.get('x')).toBe('1');
    expect(server.unmatched).toEqual([]);
  });

  it('parses a form body, keeping every value of a repeated key in order', async () => {
    server = await startReferenceServer();
    server.route('POST', '/messages', ({ body }) => ({ body: { body } }));
    const form = new URLSearchParams([
      ['To', '+15550001'],
      ['MediaUrl', 'https://example.com/a.png'],
      ['MediaUrl', 'https://example.com/b.png'],
      ['MediaUrl', 'https://example.com/c.png'],
    ]);
    const response = await fetch(`${server.url}/messages`, { method: 'POST', body: form });
    expect(await response.json()).toEqual({
      body: {
        To: '+15550001',
        MediaUrl: ['https://example.com/a.png', 'https://example.com/b.png', 'https://example.com/c.png'],
      },
    });
  });

  it('answers with the reply a route throws as a ReplyError, and 500 for any other throw', async () => {
    server = await startReferenceServer();
    const find = (id: string | undefined) => {
      if (id !== 'a') throw new ReplyError({ status: 404, headers: { 'x-why': 'gone' }, body: { error: 'notFound' } });
      return { id };
    };
    server.route('GET', '/items/:id', ({ params }) => ({ body: find(params.id) }));
    server.route('GET', '/broken', () => {
      throw new TypeError('route bug');
    });
    const missing = await fetch(`${server.url}/items/b`);
    expect(missing.status).toBe(404);
    expect(missing.headers.get('x-why')).toBe('gone');
    expect(await missing.json()).toEqual({ error: 'notFound' });
    expect(await (await fetch(`${server.url}/items/a`)).json()).toEqual({ id: 'a' });
    const broken = await fetch(`${server.url}/broken`);
    expect(broken.status).toBe(500);
    expect(await broken.json()).toEqual({ error: 'TypeError: route bug' });
  });

  it('answers 404 for what no route matches, and remembers it', async () => {
    server = await startReferenceServer();
    server.route('GET', '/a/:id', () => ({ body: {} }));
    expect((await fetch(`${server.url}/a/1/b`)).status).toBe(404);
    expect((await fetch(`${server.url}/a/`)).status).toBe(404);
    expect(server.unmatched.map((request) => request.path)).toEqual(['/a/1/b', '/a/']);
  });

  it('gives an injected answer once, before the check and the route', async () => {
    server = await startReferenceServer({
      check: ({ headers }) => (headers.authorization ? undefined : { status: 401 }),
    });
    server.route('GET', '/x', () => ({ body: 'plain', headers: { 'content-type': 'text/plain' } }));
    server.answerNext('GET', '/x', { status: 429, headers: { 'retry-after': '1' }, body: { error: 'slow down' } });
    expect((await fetch(`${server.url}/x`)).status).toBe(429);
    expect((await fetch(`${server.url}/x`)).status).toBe(401);
    const ok = await fetch(`${server.url}/x`, { headers: { authorization: 'Bearer t' } });
    expect(await ok.text()).toBe('plain');
  });
});
