// A Salesforce org on loopback for the conformance tests: no emulator or machine-readable description of the
// REST API runs offline (the sObjects OpenAPI document is a per-org beta behind a login, and covers neither
// SOQL nor Bulk API 2.0), so this server answers the requests the connector's actions make with the shapes and
// errors of Salesforce's documentation, and refuses anything else the way Salesforce does:
// - REST API Developer Guide: "Resources by Version" (resources_versions.htm), "Execute a SOQL Query" and
//   "Query Options Header" (dome_query.htm, headers_queryoptions.htm), "sObject Basic Information",
//   "sObject Rows", "sObject Rows by External ID" (dome_upsert.htm), "sObject Describe", "Status Codes and
//   Error Responses" (errorcodes.htm: 401 INVALID_SESSION_ID, 403 REQUEST_LIMIT_EXCEEDED, 404, 405, 415).
// - Bulk API 2.0 and Bulk API Developer Guide for /jobs/ingest (see salesforce-bulk.ts).
// - Salesforce Help, "OAuth 2.0 Refresh Token Flow" (POST /services/oauth2/token on the login host).
// The org's instance and its login host listen on two loopback addresses, so each connection field that names
// a host (instanceUrl, loginUrl) is proven to open the sandbox's egress on its own.
import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BulkIngest } from './salesforce-bulk.js';
import { Org, OrgFault } from './salesforce-org.js';

/** An answer to give instead of the org's own, once, to the next request that matches. */
export interface InjectedAnswer {
  status: number;
  headers?: Record<string, string>;
  body: unknown;
}

export interface ConnectedApp {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
}

export interface SalesforceReference {
  /** The org's instance URL, what a connection's instanceUrl names. */
  instanceUrl: string;
  /** The login host that refreshes tokens, what a connection's loginUrl names. */
  loginUrl: string;
  /** A valid access token for the org. */
  accessToken: string;
  /** A connected app that may refresh tokens, with a refresh token it issued. */
  app: ConnectedApp;
  org: Org;
  bulk: BulkIngest;
  /** Every request the org and the login host received: method, path and query, headers. */
  requests: { method: string; url: string; headers: IncomingMessage['headers'] }[];
  /** Makes the next request whose method and path match answer `answer` (rate limits, outages). */
  answerNext(method: string, path: RegExp, answer: InjectedAnswer): void;
  /** Ends a session, as when an access token expires or is revoked. */
  expire(accessToken: string): void;
  close(): Promise<void>;
}

const VERSIONS = Array.from({ length: 62 - 31 + 1 }, (_, i) => `${31 + i}.0`);
const NOT_FOUND = new OrgFault(404, 'NOT_FOUND', 'The requested resource does not exist');

/** Starts the org (instance on 127.0.0.1, login host on 127.0.0.2), each on a free port. */
export async function startSalesforce(): Promise<SalesforceReference> {
  const org = new Org();
  const bulk = new BulkIngest(org);
  const accessToken = newToken();
  const sessions = new Set([accessToken]);
  const app: ConnectedApp = {
    clientId: '3MVG9conformanceConsumerKey',
    clientSecret: 'conformance-consumer-secret',
    refreshToken: `5Aep861${randomBytes(12).toString('hex')}`,
  };
  const injected: { method: string; path: RegExp; answer: InjectedAnswer }[] = [];
  const requests: SalesforceReference['requests'] = [];
  const queries = new Map<string, Record<string, unknown>[]>();
  let instanceUrl = '';
  let loginUrl = '';

  const instance = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    void handle(req, res, async (body) => {
      const path = new URL(req.url ?? '/', 'http://org').pathname;
      const index = injected.findIndex((i) => i.method === req.method && i.path.test(path));
      const planned = index >= 0 ? injected.splice(index, 1)[0] : undefined;
      if (planned) return planned.answer;
      const token = /^Bearer (.+)$/.exec(req.headers.authorization ?? '')?.[1];
      if (!token || !sessions.has(token)) {
        throw new OrgFault(401, 'INVALID_SESSION_ID', 'Session expired or invalid');
      }
      return route(req, body);
    });
  });

  const login = createServer((req, res) => {
    requests.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
    void handle(req, res, async (body) => {
      if (req.url !== '/services/oauth2/token') throw NOT_FOUND;
      if (req.method !== 'POST') return oauthError(400, 'invalid_request', 'must use HTTP POST');
      if (!req.headers['content-type']?.startsWith('application/x-www-form-urlencoded')) {
        return oauthError(400, 'invalid_request', 'the token request must be form-encoded');
      }
      const params = new URLSearchParams(body);
      if (params.get('grant_type') !== 'refresh_token') {
        return oauthError(400, 'unsupported_grant_type', 'grant type not supported');
      }
      if (params.get('client_id') !== app.clientId) {
        return oauthError(400, 'invalid_client_id', 'client identifier invalid');
      }
      if (params.get('client_secret') !== app.clientSecret) {
        return oauthError(400, 'invalid_client', 'invalid client credentials');
      }
      if (params.get('refresh_token') !== app.refreshToken) {
        return oauthError(400, 'invalid_grant', 'expired access/refresh token');
      }
      const fresh = newToken();
      sessions.add(fresh);
      return {
        status: 200,
        body: {
          access_token: fresh,
          signature: randomBytes(32).toString('base64'),
          scope: 'refresh_token api',
          instance_url: instanceUrl,
          id: `${loginUrl}/id/00DDn00000ExAmPLE/005Dn000001ExAmPLE`,
          token_type: 'Bearer',
          issued_at: String(Date.now()),
        },
      };
    });
  });

  function route(req: IncomingMessage, body: string): InjectedAnswer {
    const url = new URL(req.url ?? '/', 'http://org');
    const method = req.method ?? 'GET';
    const match = /^\/services\/data\/v(\d+\.\d)(\/.*)?$/.exec(url.pathname);
    if (!match) throw NOT_FOUND;
    const [, version = '', rest = '/'] = match;
    if (!VERSIONS.includes(version)) throw NOT_FOUND;
    const base = `/services/data/v${version}`;
    const segments = rest.split('/').filter(Boolean).map(decodeURIComponent);
    const [resource, a, b, c] = segments;

    if (segments.length === 0) {
      allow(method, ['GET']);
      const names = ['sobjects', 'query', 'queryAll', 'search', 'limits', 'composite', 'jobs/ingest', 'jobs/query'];
      return json(200, Object.fromEntries(names.map((name) => [name.replace('/', '.'), `${base}/${name}`])));
    }
    if ((resource === 'query' || resource === 'queryAll') && a === undefined) {
      allow(method, ['GET']);
      const soql = url.searchParams.get('q');
      if (!soql) throw new OrgFault(400, 'MALFORMED_QUERY', 'A query string has to be specified');
      const { rows } = org.query(soql, resource === 'queryAll');
      return json(200, queryPage(base, rows, 0, batchSize(req)));
    }
    if (resource === 'query' && a !== undefined && b === undefined) {
      allow(method, ['GET']);
      const [locator = '', offset = ''] = a.split('-');
      const rows = queries.get(locator);
      if (!rows || !/^\d+$/.test(offset)) throw new OrgFault(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
      return json(200, queryPage(base, rows, Number(offset), batchSize(req), locator));
    }
    if (resource === 'sobjects' && a !== undefined) {
      if (b === undefined) {
        allow(method, ['GET', 'POST']);
        if (method === 'GET') return json(200, { objectDescribe: org.describe(a), recentItems: [] });
        const record = org.create(a, jsonBody(req, body));
        return json(201, { id: record.id, success: true, errors: [] });
      }
      if (b === 'describe' && c === undefined) {
        allow(method, ['GET']);
        return json(200, org.describe(a));
      }
      if (c === undefined) {
        // Retrieving a row (GET) is none of the actions' calls, so this org does not serve it.
        allow(method, ['PATCH', 'DELETE']);
        if (method === 'PATCH') org.update(a, b, jsonBody(req, body));
        else org.delete(a, b);
        return { status: 204, body: undefined };
      }
      if (segments.length === 4) {
        allow(method, ['PATCH']);
        return upsert(base, a, b, c, jsonBody(req, body));
      }
    }
    if (resource === 'jobs' && a === 'ingest') return ingest(req, method, body, segments.slice(2));
    throw NOT_FOUND;
  }

  function upsert(base: string, object: string, field: string, value: string, values: Record<string, unknown>) {
    const found = org.matching(object, field, value);
    if (found.length > 1)
      return json(
        300,
        found.map((r) => `${base}/sobjects/${r.object}/${r.id}`),
      );
    if (found.length === 1 && found[0]) {
      const record = org.update(object, found[0].id, values);
      return json(200, { id: record.id, success: true, errors: [], created: false });
    }
    const canonical = org.fieldName(object, field) ?? field;
    const record = org.create(object, { ...values, ...(canonical === 'Id' ? {} : { [canonical]: value }) });
    return json(201, { id: record.id, success: true, errors: [], created: true });
  }

  function ingest(req: IncomingMessage, method: string, body: string, path: string[]): InjectedAnswer {
    const [id, part] = path;
    if (id === undefined) {
      allow(method, ['POST']);
      return json(200, bulk.create(jsonBody(req, body)));
    }
    if (part === undefined) {
      allow(method, ['GET', 'PATCH', 'DELETE']);
      if (method === 'GET') return json(200, bulk.check(id));
      if (method === 'PATCH') return json(200, bulk.changeState(id, jsonBody(req, body).state));
      bulk.delete(id);
      return { status: 204, body: undefined };
    }
    if (part === 'batches' && path.length === 2) {
      allow(method, ['PUT']);
      if (!req.headers['content-type']?.startsWith('text/csv')) throw unsupported(req);
      bulk.upload(id, body);
      return { status: 201, body: undefined };
    }
    if (
      (part === 'successfulResults' || part === 'failedResults' || part === 'unprocessedrecords') &&
      path.length === 2
    ) {
      allow(method, ['GET']);
      return { status: 200, headers: { 'content-type': 'text/csv' }, body: bulk.results(id, part) };
    }
    throw NOT_FOUND;
  }

  /** One page of query rows; the rest waits under a locator for nextRecordsUrl. */
  function queryPage(base: string, rows: Record<string, unknown>[], offset: number, size: number, locator?: string) {
    const end = offset + size;
    const done = end >= rows.length;
    let id = locator;
    if (!done && !id) {
      id = `01gDn00000${randomBytes(4).toString('hex').toUpperCase()}`;
      queries.set(id, rows);
    }
    return {
      totalSize: rows.length,
      done,
      ...(done ? {} : { nextRecordsUrl: `${base}/query/${id}-${end}` }),
      records: rows.slice(offset, end),
    };
  }

  await new Promise<void>((resolve) => instance.listen(0, '127.0.0.1', resolve));
  await new Promise<void>((resolve) => login.listen(0, '127.0.0.2', resolve));
  instanceUrl = `http://127.0.0.1:${(instance.address() as AddressInfo).port}`;
  loginUrl = `http://127.0.0.2:${(login.address() as AddressInfo).port}`;

  return {
    instanceUrl,
    loginUrl,
    accessToken,
    app,
    org,
    bulk,
    requests,
    answerNext: (method, path, answer) => injected.push({ method, path, answer }),
    expire: (token) => sessions.delete(token),
    close: async () => {
      await Promise.all([closeServer(instance), closeServer(login)]);
    },
  };
}

/** Reads the body, runs `answer`, writes what it returned or the OrgFault it threw. */
async function handle(
  req: IncomingMessage,
  res: ServerResponse,
  answer: (body: string) => Promise<InjectedAnswer>,
): Promise<void> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  let reply: InjectedAnswer;
  try {
    reply = await answer(Buffer.concat(chunks).toString('utf8'));
  } catch (error) {
    if (!(error instanceof OrgFault)) {
      reply = json(500, [{ errorCode: 'UNKNOWN_EXCEPTION', message: String(error) }]);
    } else {
      reply = json(error.status, error.body);
    }
  }
  const text = typeof reply.body === 'string' ? reply.body : reply.body === undefined ? '' : JSON.stringify(reply.body);
  const type = typeof reply.body === 'string' ? 'text/plain' : 'application/json;charset=UTF-8';
  res.writeHead(reply.status, {
    ...(reply.body === undefined ? {} : { 'content-type': type }),
    ...reply.headers,
  });
  res.end(text);
}

function json(status: number, body: unknown): InjectedAnswer {
  return { status, body };
}

function oauthError(status: number, error: string, description: string): InjectedAnswer {
  return json(status, { error, error_description: description });
}

function allow(method: string, methods: string[]): void {
  if (!methods.includes(method)) {
    throw new OrgFault(
      405,
      'METHOD_NOT_ALLOWED',
      `HTTP Method '${method}' not allowed. Allowed are ${methods.join(',')}`,
    );
  }
}

function unsupported(req: IncomingMessage): OrgFault {
  return new OrgFault(
    415,
    'UNSUPPORTED_MEDIA_TYPE',
    `Content type '${req.headers['content-type'] ?? ''}' not supported`,
  );
}

/** A JSON object body, sent as application/json; anything else is refused as Salesforce does. */
function jsonBody(req: IncomingMessage, body: string): Record<string, unknown> {
  if (!req.headers['content-type']?.startsWith('application/json')) throw unsupported(req);
  let value: unknown;
  try {
    value = JSON.parse(body);
  } catch {
    throw new OrgFault(400, 'JSON_PARSER_ERROR', 'The request body is not valid JSON');
  }
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    throw new OrgFault(400, 'JSON_PARSER_ERROR', 'Cannot deserialize instance of object from the request body');
  }
  return value as Record<string, unknown>;
}

/** Sforce-Query-Options: batchSize=N, between 200 and 2000; 2000 when absent. */
function batchSize(req: IncomingMessage): number {
  const asked = /batchSize=(\d+)/i.exec(String(req.headers['sforce-query-options'] ?? ''))?.[1];
  return asked === undefined ? 2000 : Math.min(2000, Math.max(200, Number(asked)));
}

function newToken(): string {
  return `00DDn00000ExAmPLE!${randomBytes(24).toString('base64url')}`;
}

function closeServer(server: Server): Promise<void> {
  server.closeAllConnections();
  return new Promise((resolve) => server.close(() => resolve()));
}
