import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import cov2ap from '@cap-js-community/odata-v2-adapter';
import cds from '@sap/cds';
import express from 'express';

/**
 * The reference the conformance test runs against, all on loopback:
 *
 * - **backend**: a real OData V4 service served by SAP's CAP (`@sap/cds` 9 + `@cap-js/sqlite`,
 *   in-memory SQLite) from the bookshop model in ./bookshop, with CAP's mocked basic auth, and the
 *   same service as OData V2 through `@cap-js-community/odata-v2-adapter` (SAP's community V2
 *   adapter, which translates V2 requests and answers to and from the V4 service);
 * - **gateway**: a small front that behaves as SAP Gateway / ABAP platform does towards clients, per
 *   SAP Help Portal, "Cross-Site Request Forgery Protection" (SAP Gateway Foundation, Security
 *   Guide): a GET with `X-CSRF-Token: Fetch` opens a session (cookie) and returns a token in the
 *   `X-CSRF-Token` header; a modifying request without that session's token is refused with
 *   403 and `X-CSRF-Token: Required`. It also issues OAuth 2.0 client credentials tokens (as
 *   XSUAA's /oauth/token does) and lets bearer tokens through as the backend's user.
 *
 * The gateway listens on another port than the backend, so links the backend writes with its own
 * host (V2 `__next`) point elsewhere than the connection's service URL, as behind a real proxy.
 */
export const USER = 'alice';
export const PASSWORD = 'wonderland';
export const CLIENT_ID = 'sb-mova-sap!t1';
export const CLIENT_SECRET = 'client-secret-1';

export interface Recorded {
  method: string;
  path: string;
  headers: IncomingMessage['headers'];
  status?: number;
}

export interface SapService {
  /** Root of the gateway, e.g. http://127.0.0.1:4711. */
  url: string;
  v4: string;
  v2: string;
  tokenUrl: string;
  requests: Recorded[];
  /** The next modifying request finds its session gone, as when SAP's session (and its token) times out. */
  expireSessionBeforeNextModify(): void;
  /** Every modifying request is refused for its token, as behind a proxy that drops the session cookie. */
  refuseAllTokens(refuse: boolean): void;
  tokensIssued(): number;
  reset(): Promise<void>;
  close(): Promise<void>;
}

const MODIFYING = new Set(['POST', 'PUT', 'PATCH', 'MERGE', 'DELETE']);
const SESSION_COOKIE = 'SAP_SESSIONID_MOV_100';

const here = fileURLToPath(new URL('./bookshop/', import.meta.url));
const MODEL = [`${here}db.cds`, `${here}srv.cds`];

async function listen(server: Server): Promise<number> {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return (server.address() as AddressInfo).port;
}

async function startBackend(): Promise<{ port: number; server: Server }> {
  cds.root = here;
  // Only warnings and errors: CAP logs every request otherwise.
  for (const id of ['cds', 'odata', 'cov2ap', 'cov2ap/hpm', 'deploy', 'serve', 'sqlite', 'db', 'auth'])
    cds.log(id, 'warn');
  cds.env.requires.db = { kind: 'sqlite', credentials: { url: ':memory:' } };
  cds.env.requires.auth = { kind: 'mocked', users: { [USER]: { password: PASSWORD, roles: ['admin'] } } };
  const csn = await cds.load(MODEL);
  cds.model = cds.compile.for.nodejs(csn);
  const db = await cds.connect.to('db');
  await cds.deploy(csn).to(db);
  const app = express();
  const server = createServer(app);
  const port = await listen(server);
  app.use(cov2ap({ model: MODEL, target: `http://127.0.0.1:${port}`, registerOnListening: false }));
  await cds.serve('all').from(csn).in(app);
  return { port, server };
}

function cookieOf(req: IncomingMessage, name: string): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [key, ...value] = part.trim().split('=');
    if (key === name) return value.join('=');
  }
  return undefined;
}

export async function startSapService(): Promise<SapService> {
  const backend = await startBackend();
  const sessions = new Map<string, string>();
  const tokens = new Set<string>();
  const requests: Recorded[] = [];
  let issued = 0;
  let expireBeforeModify = false;
  let refuseTokens = false;

  const gateway = createServer((req, res) => {
    const entry: Recorded = { method: req.method ?? 'GET', path: req.url ?? '/', headers: req.headers };
    requests.push(entry);
    const reply = (status: number, headers: Record<string, string>, body: string) => {
      entry.status = status;
      res.writeHead(status, headers).end(body);
    };
    if (entry.path === '/oauth/token' && entry.method === 'POST') {
      const chunks: Buffer[] = [];
      req.on('data', (c: Buffer) => chunks.push(c));
      req.on('end', () => {
        const form = new URLSearchParams(Buffer.concat(chunks).toString('utf8'));
        const basic = `Basic ${Buffer.from(`${CLIENT_ID}:${CLIENT_SECRET}`).toString('base64')}`;
        const client =
          req.headers.authorization === basic ||
          (form.get('client_id') === CLIENT_ID && form.get('client_secret') === CLIENT_SECRET);
        if (form.get('grant_type') !== 'client_credentials' || !client) {
          reply(401, { 'content-type': 'application/json' }, JSON.stringify({ error: 'unauthorized' }));
          return;
        }
        const token = randomBytes(16).toString('hex');
        tokens.add(token);
        issued++;
        reply(
          200,
          { 'content-type': 'application/json' },
          JSON.stringify({ access_token: token, token_type: 'bearer', expires_in: 3600 }),
        );
      });
      return;
    }
    const headers: Record<string, string | string[] | undefined> = {
      ...req.headers,
      host: `127.0.0.1:${backend.port}`,
    };
    const bearer = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
    if (bearer) {
      if (!tokens.has(bearer)) {
        reply(401, { 'content-type': 'text/plain' }, 'invalid token');
        return;
      }
      headers.authorization = `Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`;
    }
    const extra: Record<string, string> = {};
    const method = String(req.headers['x-http-method'] ?? entry.method).toUpperCase();
    if (req.headers['x-csrf-token']?.toString().toLowerCase() === 'fetch' && entry.method === 'GET') {
      const sid = randomBytes(12).toString('hex');
      const token = randomBytes(18).toString('base64');
      sessions.set(sid, token);
      extra['x-csrf-token'] = token;
      extra['set-cookie'] = `${SESSION_COOKIE}=${sid}; path=/; HttpOnly`;
    } else if (MODIFYING.has(method)) {
      if (expireBeforeModify) {
        expireBeforeModify = false;
        sessions.clear();
      }
      const sid = cookieOf(req, SESSION_COOKIE);
      const token = sid ? sessions.get(sid) : undefined;
      if (refuseTokens || !token || req.headers['x-csrf-token'] !== token) {
        reply(403, { 'x-csrf-token': 'Required', 'content-type': 'text/plain' }, 'CSRF token validation failed');
        return;
      }
    }
    delete headers['x-csrf-token'];
    const upstream = request(
      { host: '127.0.0.1', port: backend.port, method: entry.method, path: entry.path, headers },
      (answer) => {
        entry.status = answer.statusCode;
        res.writeHead(answer.statusCode ?? 502, { ...answer.headers, ...extra });
        answer.pipe(res);
      },
    );
    upstream.on('error', (error) => reply(502, { 'content-type': 'text/plain' }, error.message));
    req.pipe(upstream);
  });
  const port = await listen(gateway);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    v4: `${url}/odata/v4/catalog`,
    v2: `${url}/odata/v2/catalog`,
    tokenUrl: `${url}/oauth/token`,
    requests,
    expireSessionBeforeNextModify: () => {
      expireBeforeModify = true;
    },
    refuseAllTokens: (refuse) => {
      refuseTokens = refuse;
    },
    tokensIssued: () => issued,
    async reset() {
      requests.length = 0;
      refuseTokens = false;
      expireBeforeModify = false;
      const { Books, Authors, Reviews } = cds.entities('mova.bookshop');
      const { DELETE, INSERT } = cds.ql;
      await DELETE.from(Reviews);
      await DELETE.from(Books);
      await DELETE.from(Authors);
      await INSERT.into(Authors).entries([
        { ID: 101, name: 'Emily Brontë' },
        { ID: 107, name: 'Charlotte Brontë' },
        { ID: 150, name: "Flann O'Brien" },
      ]);
      await INSERT.into(Books).entries([
        {
          ID: 201,
          title: 'Wuthering Heights',
          genre: 'Drama',
          stock: 12,
          price: 11.11,
          published: '1847-12-01',
          author_ID: 101,
        },
        {
          ID: 207,
          title: 'Jane Eyre',
          genre: 'Drama',
          stock: 11,
          price: 12.34,
          published: '1847-10-16',
          author_ID: 107,
        },
        {
          ID: 251,
          title: 'The Third Policeman',
          genre: 'Comedy',
          stock: 333,
          price: 13.13,
          published: '1967-01-01',
          author_ID: 150,
        },
        {
          ID: 252,
          title: 'At Swim-Two-Birds',
          genre: 'Comedy',
          stock: 555,
          price: 14,
          published: '1939-03-13',
          author_ID: 150,
        },
        {
          ID: 271,
          title: 'Catweazle',
          genre: 'Fantasy',
          stock: 22,
          price: 15,
          published: '1970-01-01',
          author_ID: 150,
        },
      ]);
      await INSERT.into(Reviews).entries([
        { book_ID: 251, reviewer: "d'Arcy", rating: 5, text: 'De Selby would approve.' },
        { book_ID: 251, reviewer: 'Mary', rating: 4, text: 'Bicycles!' },
      ]);
    },
    async close() {
      await new Promise((resolve) => gateway.close(resolve));
      gateway.closeAllConnections();
      await new Promise((resolve) => backend.server.close(resolve));
      backend.server.closeAllConnections();
    },
  };
}
