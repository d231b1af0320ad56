import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testConnection } from '@mova/sdk';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import sapConnector from '../src/index.js';
import { CLIENT_ID, CLIENT_SECRET, PASSWORD, type SapService, startSapService, USER } from './sap-service.js';

// Every action through the sandbox users run them in, against a real OData service: SAP's CAP
// serving the bookshop of ./bookshop as OData V4, and as OData V2 through SAP's community V2
// adapter, behind the loopback gateway of sap-service.ts that enforces the CSRF token protocol of
// SAP Gateway and issues OAuth 2.0 client credentials tokens. The service URL and token URL reach
// the sandbox only through the connection (network.connectionHosts).
let sap: SapService;
let connector: ConnectorUnderTest;
let v4: Record<string, unknown>;
let v2: Record<string, unknown>;

beforeAll(async () => {
  sap = await startSapService();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  v4 = { serviceUrl: sap.v4, username: USER, password: PASSWORD };
  v2 = { serviceUrl: sap.v2, username: USER, password: PASSWORD };
});
afterAll(async () => {
  await connector?.close();
  await sap?.close();
});
beforeEach(() => sap.reset());

const run = async (action: string, input: unknown, auth: Record<string, unknown>) => {
  const result = await connector.run(action, input, { auth });
  expect(result, JSON.stringify(result.error)).toMatchObject({ status: 'completed', isolation: 'worker' });
  return result.output as Record<string, unknown>;
};
const fail = (action: string, input: unknown, auth: Record<string, unknown>) => connector.run(action, input, { auth });
const modifying = () => sap.requests.filter((r) => r.method !== 'GET');
const ids = (output: Record<string, unknown>) => (output.items as { ID: number }[]).map((item) => item.ID);

describe('OData V4 (CAP)', () => {
  it('queries with $filter, $select, $orderby, $top, $skip, $count and $expand', async () => {
    const comedies = await run(
      'entities.query',
      { entitySet: 'Books', filter: "genre eq 'Comedy'", select: ['ID', 'title'], orderBy: 'stock desc', count: true },
      v4,
    );
    expect(comedies.count).toBe(2);
    expect((comedies.items as Record<string, unknown>[]).map(({ ID, title }) => ({ ID, title }))).toEqual([
      { ID: 252, title: 'At Swim-Two-Birds' },
      { ID: 251, title: 'The Third Policeman' },
    ]);
    const query = new URL(sap.requests.at(-1)?.path ?? '', sap.url).searchParams;
    expect(Object.fromEntries(query)).toEqual({
      $filter: "genre eq 'Comedy'",
      $select: 'ID,title',
      $orderby: 'stock desc',
      $count: 'true',
    });
    const second = await run('entities.query', { entitySet: 'Books', orderBy: 'ID', top: 1, skip: 1 }, v4);
    expect(ids(second)).toEqual([207]);
    const authors = await run(
      'entities.query',
      { entitySet: 'Authors', filter: "name eq 'Flann O''Brien'", expand: 'books($select=title;$orderby=ID)' },
      v4,
    );
    expect(authors.items).toEqual([
      {
        ID: 150,
        name: "Flann O'Brien",
        books: [
          expect.objectContaining({ title: 'The Third Policeman' }),
          expect.objectContaining({ title: 'At Swim-Two-Birds' }),
          expect.objectContaining({ title: 'Catweazle' }),
        ],
      },
    ]);
  });

  it('follows @odata.nextLink (server-driven paging) up to the limit, and goes on from a nextLink', async () => {
    // The service pages Books by 3 (@cds.query.limit).
    const all = await run('entities.query', { entitySet: 'Books', orderBy: 'ID', count: true }, v4);
    expect(ids(all)).toEqual([201, 207, 251, 252, 271]);
    expect(all).toMatchObject({ count: 5, nextLink: null });
    expect(sap.requests.filter((r) => r.path.includes('/Books')).length).toBe(2);

    const first = await run('entities.query', { entitySet: 'Books', orderBy: 'ID', limit: 2 }, v4);
    expect(ids(first)).toEqual([201, 207, 251]);
    expect(first.nextLink).toMatch(/skiptoken/);
    const rest = await run('entities.query', { entitySet: 'Books', nextLink: first.nextLink }, v4);
    expect(ids(rest)).toEqual([252, 271]);
    expect(rest.nextLink).toBeNull();
  });

  it('reads by single and compound keys, quoting strings with doubled single quotes', async () => {
    const book = await run('entities.get', { entitySet: 'Books', key: 251 }, v4);
    expect(book.entity).toMatchObject({ ID: 251, title: 'The Third Policeman', stock: 333, author_ID: 150 });
    expect(book.etag).toMatch(/^W\/"/);
    expect(book.entity).toMatchObject({ '@odata.etag': book.etag });

    const review = await run('entities.get', { entitySet: 'Reviews', key: { book_ID: 251, reviewer: "d'Arcy" } }, v4);
    expect(review).toEqual({
      entity: { book_ID: 251, reviewer: "d'Arcy", rating: 5, text: 'De Selby would approve.' },
      etag: null,
    });
    expect(decodeURIComponent(sap.requests.at(-1)?.path ?? '')).toBe(
      "/odata/v4/catalog/Reviews(book_ID=251,reviewer='d''Arcy')",
    );
    const withAuthor = await run(
      'entities.get',
      { entitySet: 'Books', key: 207, select: ['title'], expand: 'author' },
      v4,
    );
    expect(withAuthor.entity).toMatchObject({ title: 'Jane Eyre', author: { ID: 107, name: 'Charlotte Brontë' } });

    const missing = await fail('entities.get', { entitySet: 'Books', key: 999 }, v4);
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });

  it('creates with a CSRF token fetched on a GET and sent with the session cookie', async () => {
    const created = await run(
      'entities.create',
      { entitySet: 'Books', entity: { ID: 300, title: 'The Dalkey Archive', stock: 7, author_ID: 150 } },
      v4,
    );
    expect(created.entity).toMatchObject({ ID: 300, title: 'The Dalkey Archive', stock: 7 });
    expect(created.etag).toMatch(/^W\/"/);
    const [fetch, post] = sap.requests;
    expect(fetch).toMatchObject({ method: 'GET', path: '/odata/v4/catalog/', headers: { 'x-csrf-token': 'Fetch' } });
    expect(post).toMatchObject({ method: 'POST', path: '/odata/v4/catalog/Books', status: 201 });
    expect(post?.headers['x-csrf-token']).toMatch(/.{8,}/);
    expect(post?.headers.cookie).toMatch(/^SAP_SESSIONID_MOV_100=/);
    expect(post?.headers.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);
  });

  it('updates with If-Match, returns the new ETag, and fails a stale ETag as a conflict', async () => {
    const { etag } = await run('entities.get', { entitySet: 'Books', key: 201 }, v4);
    const updated = await run(
      'entities.update',
      { entitySet: 'Books', key: 201, changes: { stock: 13 }, ifMatch: etag },
      v4,
    );
    expect(updated.entity).toMatchObject({ ID: 201, stock: 13, title: 'Wuthering Heights' });
    expect(updated.etag).toMatch(/^W\/"/);
    expect(updated.etag).not.toBe(etag);
    expect(modifying().at(-1)).toMatchObject({ method: 'PATCH', headers: { 'if-match': etag } });

    const stale = await fail(
      'entities.update',
      { entitySet: 'Books', key: 201, changes: { stock: 1 }, ifMatch: etag },
      v4,
    );
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 412 } });
    expect(stale.error?.hint).toMatch(/read it again/);

    const replaced = await run(
      'entities.update',
      { entitySet: 'Books', key: 201, changes: { title: 'Wuthering Heights (2nd ed.)' }, ifMatch: '*', replace: true },
      v4,
    );
    expect(replaced.entity).toMatchObject({ ID: 201, title: 'Wuthering Heights (2nd ed.)' });
    expect(modifying().at(-1)).toMatchObject({ method: 'PUT' });
  });

  it('deletes guarded by the ETag', async () => {
    const { etag } = await run('entities.get', { entitySet: 'Books', key: 271 }, v4);
    expect(await run('entities.delete', { entitySet: 'Books', key: 271, ifMatch: etag }, v4)).toEqual({
      entitySet: 'Books',
      deleted: true,
    });
    expect(modifying().at(-1)).toMatchObject({ method: 'DELETE', path: '/odata/v4/catalog/Books(271)', status: 204 });
    const gone = await fail('entities.get', { entitySet: 'Books', key: 271 }, v4);
    expect(gone).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('calls an unbound function, an unbound action and a bound action', async () => {
    expect(await run('functions.call', { name: 'booksInStock', parameters: { minimum: 20 } }, v4)).toEqual({
      result: 3,
    });
    expect(sap.requests.at(-1)).toMatchObject({ method: 'GET', path: '/odata/v4/catalog/booksInStock(minimum=20)' });

    const restocked = await run(
      'functions.call',
      { name: 'restock', kind: 'action', parameters: { book: 207, quantity: 4 } },
      v4,
    );
    expect(restocked).toEqual({ result: 15 });
    expect(modifying().at(-1)).toMatchObject({ method: 'POST', path: '/odata/v4/catalog/restock', status: 200 });

    // Books carry an ETag, so an action bound to one needs If-Match (CAP answers 428 without it).
    const order = { name: 'CatalogService.order', kind: 'action', boundTo: { entitySet: 'Books', key: 207 } };
    const unguarded = await fail('functions.call', { ...order, parameters: { quantity: 5 } }, v4);
    expect(unguarded).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 428 } });
    expect(unguarded.error?.hint).toMatch(/give its etag as ifMatch/);
    const { etag } = await run('entities.get', { entitySet: 'Books', key: 207 }, v4);
    const ordered = await run('functions.call', { ...order, parameters: { quantity: 5 }, ifMatch: etag }, v4);
    expect(ordered.result).toMatchObject({ ID: 207, stock: 10 });
    expect(modifying().at(-1)).toMatchObject({ path: '/odata/v4/catalog/Books(207)/CatalogService.order' });
    const refused = await fail('functions.call', { ...order, parameters: { quantity: 500 }, ifMatch: '*' }, v4);
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    expect(refused.error?.message).toMatch(/Only 10 left of book 207/);
  });
});

describe('CSRF tokens', () => {
  it('fetches a new token once when the service answers 403 "X-CSRF-Token: Required"', async () => {
    sap.expireSessionBeforeNextModify();
    const created = await run(
      'entities.create',
      { entitySet: 'Authors', entity: { ID: 500, name: 'Myles na gCopaleen' } },
      v4,
    );
    expect(created.entity).toEqual({ ID: 500, name: 'Myles na gCopaleen' });
    expect(sap.requests.map((r) => `${r.method} ${r.status}`)).toEqual(['GET 200', 'POST 403', 'GET 200', 'POST 201']);
  });

  it('fails as auth, saying what to check, when a fresh token is refused too', async () => {
    sap.refuseAllTokens(true);
    const refused = await fail('entities.delete', { entitySet: 'Authors', key: 101 }, v4);
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(refused.error?.hint).toMatch(/CSRF token/);
    expect(sap.requests.filter((r) => r.method === 'DELETE')).toHaveLength(2);
  });
});

describe('OAuth 2.0 client credentials', () => {
  it('gets a token from the connection’s token URL and sends it as a bearer token', async () => {
    const oauth = { serviceUrl: sap.v4, tokenUrl: sap.tokenUrl, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
    const restocked = await run(
      'functions.call',
      { name: 'restock', kind: 'action', parameters: { book: 201, quantity: 1 } },
      oauth,
    );
    expect(restocked).toEqual({ result: 13 });
    expect(sap.tokensIssued()).toBe(1);
    expect(sap.requests[0]).toMatchObject({ method: 'POST', path: '/oauth/token' });
    expect(modifying().at(-1)?.headers.authorization).toMatch(/^Bearer [0-9a-f]{32}$/);

    const wrong = await fail('entities.get', { entitySet: 'Books', key: 201 }, { ...oauth, clientSecret: 'nope' });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
  });
});

describe('OData V2 (CAP through the V2 adapter)', () => {
  it('detects V2, normalises d.results, __count and /Date()/ and follows __next on the service’s own host', async () => {
    const all = await run('entities.query', { entitySet: 'Books', orderBy: 'ID', count: true }, v2);
    expect(ids(all)).toEqual([201, 207, 251, 252, 271]);
    expect(all.count).toBe(5);
    const [first] = all.items as Record<string, unknown>[];
    expect(first).toMatchObject({ ID: 201, title: 'Wuthering Heights', published: '1847-12-01T00:00:00.000Z' });
    expect(first?.['@odata.etag']).toMatch(/^W\/"/);
    expect(first).not.toHaveProperty('__metadata');
    expect(first).not.toHaveProperty('author');
    const reads = sap.requests.filter((r) => r.path.includes('/Books'));
    expect(new URL(reads[0]?.path ?? '', sap.url).searchParams.get('$inlinecount')).toBe('allpages');
    // The adapter writes __next with the backend's own host; the connector stays on the gateway.
    expect(reads).toHaveLength(2);
  });

  it('reads by compound key, creates, merges with If-Match and deletes', async () => {
    const review = await run('entities.get', { entitySet: 'Reviews', key: { book_ID: 251, reviewer: "d'Arcy" } }, v2);
    expect(review.entity).toEqual({ book_ID: 251, reviewer: "d'Arcy", rating: 5, text: 'De Selby would approve.' });

    const created = await run(
      'entities.create',
      { entitySet: 'Books', entity: { ID: 301, title: 'Slattery', stock: 1 } },
      v2,
    );
    expect(created.entity).toMatchObject({ ID: 301, title: 'Slattery', stock: 1 });
    const etag = String(created.etag);
    expect(etag).toMatch(/^W\/"/);

    const merged = await run(
      'entities.update',
      { entitySet: 'Books', key: 301, changes: { stock: 2 }, ifMatch: etag },
      v2,
    );
    expect(merged.entity).toMatchObject({ ID: 301, title: 'Slattery', stock: 2 });
    expect(merged.etag).not.toBe(etag);
    expect(modifying().at(-1)).toMatchObject({
      method: 'POST',
      path: '/odata/v2/catalog/Books(301)',
      headers: { 'x-http-method': 'MERGE', 'if-match': etag },
    });
    const stale = await fail(
      'entities.update',
      { entitySet: 'Books', key: 301, changes: { stock: 3 }, ifMatch: etag },
      v2,
    );
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 412 } });

    expect(await run('entities.delete', { entitySet: 'Books', key: 301, ifMatch: String(merged.etag) }, v2)).toEqual({
      entitySet: 'Books',
      deleted: true,
    });
  });

  it('calls function imports with their parameters as V2 literals in the query', async () => {
    expect(await run('functions.call', { name: 'booksInStock', parameters: { minimum: 20 } }, v2)).toEqual({
      result: 3,
    });
    expect(sap.requests.at(-1)).toMatchObject({ method: 'GET', path: '/odata/v2/catalog/booksInStock?minimum=20' });
    const restocked = await run(
      'functions.call',
      { name: 'restock', kind: 'action', parameters: { book: 252, quantity: 5 } },
      { ...v2, odataVersion: '2' },
    );
    expect(restocked).toEqual({ result: 560 });
    expect(modifying().at(-1)).toMatchObject({ method: 'POST', path: '/odata/v2/catalog/restock?book=252&quantity=5' });
    const bound = await fail(
      'functions.call',
      { name: 'order', kind: 'action', boundTo: { entitySet: 'Books', key: 1 } },
      v2,
    );
    expect(bound).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('validate', () => {
  it('reads the service document, and fails as auth on a wrong password', async () => {
    await expect(testConnection(sapConnector, v4)).resolves.toBeUndefined();
    expect(sap.requests.at(-1)).toMatchObject({ method: 'GET', path: '/odata/v4/catalog/', status: 200 });
    await expect(testConnection(sapConnector, { ...v4, password: 'wrong' })).rejects.toMatchObject({
      kind: 'auth',
      status: 401,
    });
  });
});
