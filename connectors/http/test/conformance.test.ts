import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';

// The `request` action through the sandbox users run it in (worker thread; the manifest allows
// every host, since a generic client's hosts come from the workflow), against a real HTTP server on
// a loopback port. The server plays an API and its OAuth2 token endpoint with the shapes the specs
// give: HTTP Basic (RFC 7617), Bearer (RFC 6750, 401 with WWW-Authenticate), OAuth2 client
// credentials (RFC 6749 §4.4, client authenticated with Basic per §2.3.1, token response §5.1,
// error response §5.2), Link pagination (RFC 8288), Retry-After (RFC 9110 §10.2.3). It records
// every request it receives, and the tests check what really went over the wire.

interface Received {
  method: string;
  path: string;
  query: Record<string, string[]>;
  headers: IncomingMessage['headers'];
  body: string;
}

const CLIENT = { id: 'cid', secret: 'cs-3cret' };
const BASIC = { username: 'ada', password: 's3cret:with colon' };
const TOKEN = 't_abc';
const API_KEY = 'k_live_1';

let server: Server;
let origin: string;
let received: Received[] = [];
let issuedTokens: string[] = [];
let flakyCalls = 0;
let http: ConnectorUnderTest;

beforeAll(async () => {
  server = createServer((req, res) => {
    void handle(req, res).catch((error: unknown) => send(res, 500, { message: String(error) }));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  if (!address || typeof address === 'string') throw new Error('the test server has no TCP address');
  origin = `http://127.0.0.1:${address.port}`;
  http = await loadConnector({ dir: new URL('..', import.meta.url) });
});

afterAll(async () => {
  await http?.close();
  await new Promise<void>((resolve) => server.close(() => resolve()));
});

beforeEach(() => {
  received = [];
  flakyCalls = 0;
});

describe('requests and bodies', () => {
  it('sends a GET with repeated query parameters and headers, and reads the JSON answer', async () => {
    const result = await http.run(
      'request',
      { url: `${origin}/v1/echo`, query: { tag: ['a', 'b'], limit: 5 }, headers: { 'X-Trace': 'tr-1' } },
      {},
    );
    expect(result).toMatchObject({
      status: 'completed',
      isolation: 'worker',
      output: {
        status: 200,
        url: `${origin}/v1/echo?tag=a&tag=b&limit=5`,
        headers: { 'content-type': 'application/json' },
        data: { method: 'GET', query: { tag: ['a', 'b'], limit: ['5'] } },
      },
    });
    expect(received).toHaveLength(1);
    expect(received[0]).toMatchObject({ method: 'GET', path: '/v1/echo', headers: { 'x-trace': 'tr-1' } });
    expect(received[0]?.headers.authorization).toBeUndefined();
  });

  it('sends JSON, form and text bodies with their content types', async () => {
    for (const body of [
      { json: { name: 'Widget', price: 9.5 } },
      { form: { name: 'Widget', note: 'a&b=c' } },
      { text: 'plain words' },
    ]) {
      const result = await http.run('request', { method: 'POST', url: `${origin}/v1/echo`, body }, {});
      expect(result).toMatchObject({ status: 'completed', output: { status: 200 } });
    }
    expect(received.map((r) => [r.method, r.headers['content-type'], r.body])).toEqual([
      ['POST', 'application/json', '{"name":"Widget","price":9.5}'],
      ['POST', 'application/x-www-form-urlencoded', 'name=Widget&note=a%26b%3Dc'],
      ['POST', expect.stringMatching(/^text\/plain/), 'plain words'],
    ]);
  });

  it('reads binary as base64, text as text, and an empty body (204, HEAD) as null', async () => {
    const binary = await http.run('request', { url: `${origin}/v1/binary`, responseType: 'base64' }, {});
    expect(binary.output).toMatchObject({ status: 200, data: Buffer.from([0, 1, 0xfe, 0xff]).toString('base64') });
    const text = await http.run('request', { url: `${origin}/v1/text` }, {});
    expect(text.output).toMatchObject({ status: 200, data: 'hello, world' });
    // Regression: a 204 without a content type (what servers send) came back as data "", not null.
    const empty = await http.run('request', { method: 'DELETE', url: `${origin}/v1/items/7` }, {});
    expect(empty.output).toMatchObject({ status: 204, data: null });
    const head = await http.run('request', { method: 'HEAD', url: `${origin}/v1/text` }, {});
    expect(head.output).toMatchObject({
      status: 200,
      headers: { 'content-type': 'text/plain; charset=utf-8' },
      data: null,
    });
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual([
      'GET /v1/binary',
      'GET /v1/text',
      'DELETE /v1/items/7',
      'HEAD /v1/text',
    ]);
  });

  it('follows a redirect and reports the URL that answered', async () => {
    const result = await http.run('request', { url: `${origin}/v1/old` }, {});
    expect(result.output).toMatchObject({ status: 200, url: `${origin}/v1/echo`, data: { method: 'GET' } });
  });
});

describe('auth kinds', () => {
  it('bearer: sends the token to URLs under baseUrl, relative paths included', async () => {
    const auth = { kind: 'bearer', baseUrl: `${origin}/v1`, token: TOKEN };
    const result = await http.run('request', { url: '/me' }, { auth });
    expect(result).toMatchObject({
      status: 'completed',
      output: { status: 200, url: `${origin}/v1/me`, data: { user: 'bearer' } },
    });
    expect(received[0]?.headers.authorization).toBe(`Bearer ${TOKEN}`);
  });

  it('basic: sends the user and password as RFC 7617 credentials', async () => {
    const auth = { kind: 'basic', baseUrl: origin, ...BASIC };
    const result = await http.run('request', { url: `${origin}/v1/me` }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { data: { user: BASIC.username } } });
    expect(received[0]?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`).toString('base64')}`,
    );
  });

  it('apiKey: in a header with its prefix, or in the query kept out of the reported URL', async () => {
    const inHeader = {
      kind: 'apiKey',
      baseUrl: origin,
      apiKey: API_KEY,
      apiKeyName: 'X-Api-Key',
      apiKeyPrefix: 'Key ',
    };
    const header = await http.run('request', { url: '/v1/me' }, { auth: inHeader });
    expect(header).toMatchObject({ status: 'completed', output: { data: { user: 'api-key' } } });
    expect(received[0]?.headers['x-api-key']).toBe(`Key ${API_KEY}`);

    const inQuery = { kind: 'apiKey', baseUrl: origin, apiKey: API_KEY, apiKeyIn: 'query', apiKeyName: 'appid' };
    const query = await http.run('request', { url: '/v1/me', query: { city: 'Oslo' } }, { auth: inQuery });
    expect(query).toMatchObject({
      status: 'completed',
      output: { url: `${origin}/v1/me?city=Oslo`, data: { user: 'api-key' } },
    });
    expect(received[1]?.query).toEqual({ city: ['Oslo'], appid: [API_KEY] });
  });

  it('oauth2ClientCredentials: gets a token from the token endpoint, then calls the API with it', async () => {
    issuedTokens = [];
    const auth = {
      kind: 'oauth2ClientCredentials',
      baseUrl: `${origin}/v1`,
      tokenUrl: `${origin}/oauth/token`,
      clientId: CLIENT.id,
      clientSecret: CLIENT.secret,
      scope: 'items:read',
    };
    const result = await http.run('request', { url: '/me' }, { auth });
    expect(result).toMatchObject({
      status: 'completed',
      output: { status: 200, data: { user: `client:${CLIENT.id}` } },
    });
    expect(received.map((r) => `${r.method} ${r.path}`)).toEqual(['POST /oauth/token', 'GET /v1/me']);
    const [tokenRequest, apiRequest] = received;
    expect(tokenRequest?.headers.authorization).toBe(
      `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`,
    );
    expect(Object.fromEntries(new URLSearchParams(tokenRequest?.body))).toEqual({
      grant_type: 'client_credentials',
      scope: 'items:read',
    });
    expect(issuedTokens).toHaveLength(1);
    expect(apiRequest?.headers.authorization).toBe(`Bearer ${issuedTokens[0]}`);
  });

  it('oauth2ClientCredentials: a refused client fails as auth without calling the API', async () => {
    const auth = {
      kind: 'oauth2ClientCredentials',
      baseUrl: origin,
      tokenUrl: `${origin}/oauth/token`,
      clientId: CLIENT.id,
      clientSecret: 'wrong',
    };
    const result = await http.run('request', { url: `${origin}/v1/me` }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(result.error?.message).not.toContain('wrong');
    expect(received.map((r) => r.path)).toEqual(['/oauth/token']);
  });

  it('a refused token fails as auth (401) with the server message', async () => {
    const auth = { kind: 'bearer', baseUrl: origin, token: 'expired' };
    const result = await http.run('request', { url: `${origin}/v1/me` }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(result.error?.message).toContain('Bad credentials');
  });

  it('refuses to send credentials outside baseUrl, before any request', async () => {
    const auth = { kind: 'bearer', baseUrl: `${origin}/v1`, token: TOKEN };
    const result = await http.run('request', { url: `${origin}/admin/keys` }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(received).toHaveLength(0);
  });
});

describe('pagination', () => {
  it('follows Link rel="next" across pages and gathers the items', async () => {
    const result = await http.run(
      'request',
      { url: `${origin}/v1/linked`, query: { per_page: 2 }, pagination: { type: 'link', itemsPath: 'data' } },
      {},
    );
    expect(result).toMatchObject({
      status: 'completed',
      output: { status: 200, pages: 3, data: [1, 2, 3, 4, 5], url: `${origin}/v1/linked?per_page=2&page=3` },
    });
    expect(received.map((r) => r.query.page?.[0] ?? '1')).toEqual(['1', '2', '3']);
  });

  it('counts pages in a query parameter until a short page, under a bearer connection', async () => {
    const auth = { kind: 'bearer', baseUrl: origin, token: TOKEN };
    const result = await http.run(
      'request',
      { url: '/v1/paged', pagination: { type: 'page', pageParam: 'page', sizeParam: 'size', size: 2 } },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { pages: 3, data: ['a', 'b', 'c', 'd', 'e'] } });
    expect(received.map((r) => [r.query.page?.[0], r.query.size?.[0], r.headers.authorization])).toEqual([
      ['1', '2', `Bearer ${TOKEN}`],
      ['2', '2', `Bearer ${TOKEN}`],
      ['3', '2', `Bearer ${TOKEN}`],
    ]);
  });

  it('passes the cursor each page returns into the next request, and stops at maxPages', async () => {
    const pagination = { type: 'cursor', cursorParam: 'cursor', nextCursorPath: 'meta.next', itemsPath: 'items' };
    const all = await http.run('request', { url: `${origin}/v1/cursored`, pagination }, {});
    expect(all).toMatchObject({ status: 'completed', output: { pages: 3, data: ['x1', 'x2', 'x3'] } });
    expect(received.map((r) => r.query.cursor?.[0])).toEqual([undefined, 'c2', 'c3']);

    const capped = await http.run('request', { url: `${origin}/v1/cursored`, pagination, maxPages: 2 }, {});
    expect(capped).toMatchObject({ status: 'completed', output: { pages: 2, data: ['x1', 'x2'] } });
  });
});

describe('failures', () => {
  it('maps 404 to not_found with the server message', async () => {
    const result = await http.run('request', { url: `${origin}/v1/nothing-here` }, {});
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(result.error?.message).toContain('No such thing');
  });

  it('retries a 503 on a GET and returns the answer that followed', async () => {
    const result = await http.run('request', { url: `${origin}/v1/flaky` }, {});
    expect(result).toMatchObject({ status: 'completed', output: { status: 200, data: { ok: true } } });
    expect(flakyCalls).toBe(2);
  });

  it('hands a long Retry-After to the runtime as rate_limit with retryAfter', async () => {
    const result = await http.run('request', { url: `${origin}/v1/limited` }, {});
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 120 } });
    expect(received).toHaveLength(1);
  });

  it('refuses a relative URL without a baseUrl, and input outside the schema', async () => {
    const relative = await http.run('request', { url: '/v1/echo' }, {});
    expect(relative).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const method = await http.run('request', { url: `${origin}/v1/echo`, method: 'TRACE' }, {});
    expect(method).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(received).toHaveLength(0);
  });
});

/** The loopback API. */
async function handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
  const url = new URL(req.url ?? '/', origin);
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(Buffer.from(chunk));
  const query: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) query[name] = [...(query[name] ?? []), value];
  const request: Received = {
    method: req.method ?? 'GET',
    path: url.pathname,
    query,
    headers: req.headers,
    body: Buffer.concat(chunks).toString('utf8'),
  };
  received.push(request);
  const page = Number(url.searchParams.get('page') ?? '1');

  switch (`${request.method} ${url.pathname}`) {
    case 'GET /v1/echo':
    case 'POST /v1/echo':
      return send(res, 200, { method: request.method, query, body: request.body });
    case 'GET /v1/old':
      res.writeHead(302, { location: '/v1/echo' }).end();
      return;
    case 'GET /v1/binary':
      res.writeHead(200, { 'content-type': 'application/octet-stream' }).end(Buffer.from([0, 1, 0xfe, 0xff]));
      return;
    case 'GET /v1/text':
    case 'HEAD /v1/text':
      res.writeHead(200, { 'content-type': 'text/plain; charset=utf-8' }).end('hello, world');
      return;
    case 'DELETE /v1/items/7':
      res.writeHead(204).end();
      return;
    case 'GET /v1/me': {
      const user = userOf(request);
      if (user) return send(res, 200, { user });
      res.setHeader('www-authenticate', 'Bearer realm="api", error="invalid_token"');
      return send(res, 401, { message: 'Bad credentials' });
    }
    case 'POST /oauth/token': {
      const expected = `Basic ${Buffer.from(`${CLIENT.id}:${CLIENT.secret}`).toString('base64')}`;
      const form = new URLSearchParams(request.body);
      if (req.headers.authorization !== expected) return send(res, 401, { error: 'invalid_client' });
      if (form.get('grant_type') !== 'client_credentials') return send(res, 400, { error: 'unsupported_grant_type' });
      const token = `at-${issuedTokens.length + 1}`;
      issuedTokens.push(token);
      res.setHeader('cache-control', 'no-store');
      return send(res, 200, {
        access_token: token,
        token_type: 'Bearer',
        expires_in: 3600,
        scope: form.get('scope') ?? '',
      });
    }
    case 'GET /v1/linked': {
      const items = [1, 2, 3, 4, 5].slice((page - 1) * 2, page * 2);
      if (page < 3) res.setHeader('link', `<${origin}/v1/linked?per_page=2&page=${page + 1}>; rel="next"`);
      return send(res, 200, { data: items });
    }
    case 'GET /v1/paged': {
      if (req.headers.authorization !== `Bearer ${TOKEN}`) return send(res, 401, { message: 'Bad credentials' });
      const size = Number(url.searchParams.get('size') ?? '10');
      return send(res, 200, ['a', 'b', 'c', 'd', 'e'].slice((page - 1) * size, page * size));
    }
    case 'GET /v1/cursored': {
      const cursor = url.searchParams.get('cursor') ?? 'c1';
      const n = Number(cursor.slice(1));
      return send(res, 200, { items: [`x${n}`], meta: { next: n < 3 ? `c${n + 1}` : null } });
    }
    case 'GET /v1/flaky':
      flakyCalls += 1;
      if (flakyCalls === 1) return send(res, 503, { message: 'warming up' });
      return send(res, 200, { ok: true });
    case 'GET /v1/limited':
      res.setHeader('retry-after', '120');
      return send(res, 429, { message: 'Slow down' });
    default:
      return send(res, 404, { message: 'No such thing' });
  }
}

/** Who the credentials of a request to /v1/me belong to, if they are valid. */
function userOf(request: Received): string | undefined {
  const authorization = request.headers.authorization;
  if (authorization === `Bearer ${TOKEN}`) return 'bearer';
  if (authorization?.startsWith('Bearer ') && issuedTokens.includes(authorization.slice(7))) {
    return `client:${CLIENT.id}`;
  }
  if (authorization === `Basic ${Buffer.from(`${BASIC.username}:${BASIC.password}`).toString('base64')}`) {
    return BASIC.username;
  }
  if (request.headers['x-api-key'] === `Key ${API_KEY}` || request.query.appid?.[0] === API_KEY) return 'api-key';
  return undefined;
}

function send(res: ServerResponse, status: number, body: unknown): void {
  res.writeHead(status, { 'content-type': 'application/json' }).end(JSON.stringify(body));
}
