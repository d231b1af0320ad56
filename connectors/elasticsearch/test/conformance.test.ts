import { readFileSync } from 'node:fs';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { type EsReference, startElasticsearch } from './elasticsearch-server.js';

// Every action and the polling trigger through the sandbox users run it in (worker thread, egress
// limited to the host the connection's node URL names), against the loopback Elasticsearch of
// elasticsearch-server.ts (its header names the Elastic REST API pages each answer follows). The
// server is reached the way a self-managed cluster is: through the connection's `node`
// (network.connectionHosts), not a test-only allowance. Outputs are checked against what the
// server's in-memory indices hold, and requests against what the client must send.
let es: EsReference;
let connector: ConnectorUnderTest;
let auth: { node: string; apiKey: string };

beforeAll(async () => {
  es = await startElasticsearch();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { node: es.url, apiKey: es.apiKey.encoded };
});
afterAll(async () => {
  await connector?.close();
  await es?.close();
});
beforeEach(() => {
  es.indices.clear();
  es.requests.length = 0;
});

const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const held = (index: string, id: string) => es.indices.get(index)?.live.get(id);
const last = () => es.requests.at(-1);

describe('every example in the manifest', () => {
  it('runs in a story order on an empty cluster, and gives the output it shows', async () => {
    const order = [
      'indices.create',
      'documents.index',
      'documents.get',
      'documents.update',
      'search',
      'count',
      'bulk',
      'documents.delete',
    ];
    await runExamples(order);
    for (const trigger of connector.manifest.triggers) {
      for (const example of trigger.examples) {
        await run('indices.create', { index: String((example.input as { index: string }).index) });
        expect(await connector.poll(trigger.key, example.input, { auth })).toMatchObject({ status: 'completed' });
      }
    }
  });
});

describe('documents', () => {
  it('indexes a document with the headers Elasticsearch requires, and reads it back at once', async () => {
    const document = { customer: 'Ada', total: 42.5, tags: ['vip'], address: { city: 'London' } };
    const indexed = await run('documents.index', { index: 'orders', id: 'ord-1', document });
    expect(indexed).toEqual({ index: 'orders', id: 'ord-1', version: 1, seqNo: 0, primaryTerm: 1, result: 'created' });
    expect(held('orders', 'ord-1')).toMatchObject({ source: document, version: 1 });
    const request = last();
    expect(request).toMatchObject({ method: 'PUT', path: '/orders/_doc/ord-1' });
    expect(request?.headers.authorization).toBe(`ApiKey ${es.apiKey.encoded}`);
    expect(request?.headers['content-type']).toBe('application/vnd.elasticsearch+json; compatible-with=9');
    expect(request?.headers.accept).toContain('application/vnd.elasticsearch+json; compatible-with=9');
    expect(JSON.parse(request?.body ?? '')).toEqual(document);

    // GET is real-time: no refresh needed.
    expect(await run('documents.get', { index: 'orders', id: 'ord-1' })).toEqual({
      found: true,
      index: 'orders',
      id: 'ord-1',
      version: 1,
      seqNo: 0,
      primaryTerm: 1,
      document,
    });
    expect(await run('documents.get', { index: 'orders', id: 'ord-1', sourceIncludes: ['cust*'] })).toMatchObject({
      document: { customer: 'Ada' },
    });
    expect(await run('documents.get', { index: 'orders', id: 'nope' })).toEqual({
      found: false,
      index: 'orders',
      id: 'nope',
      version: null,
      seqNo: null,
      primaryTerm: null,
      document: null,
    });
  });

  it('replaces, generates ids, and refuses to create twice', async () => {
    await run('documents.index', { index: 'orders', id: 'ord-2', document: { v: 1 } });
    expect(await run('documents.index', { index: 'orders', id: 'ord-2', document: { v: 2 } })).toMatchObject({
      result: 'updated',
      version: 2,
    });
    expect(held('orders', 'ord-2')?.source).toEqual({ v: 2 });
    const generated = await run('documents.index', { index: 'orders', document: { v: 3 } });
    expect(last()).toMatchObject({ method: 'POST', path: '/orders/_doc' });
    expect(held('orders', String(generated.id))?.source).toEqual({ v: 3 });

    const twice = await fail('documents.index', { index: 'orders', id: 'ord-2', document: {}, opType: 'create' });
    expect(twice).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    expect(twice.error?.message).toMatch(/version_conflict_engine_exception.*already exists/);
    expect(held('orders', 'ord-2')?.source).toEqual({ v: 2 });
  });

  it('updates fields, runs a script, upserts, and reports noop', async () => {
    await run('documents.index', { index: 'orders', id: 'ord-3', document: { status: 'paid', items: 2 } });
    expect(await run('documents.update', { index: 'orders', id: 'ord-3', fields: { status: 'shipped' } })).toEqual({
      index: 'orders',
      id: 'ord-3',
      version: 2,
      seqNo: 1,
      primaryTerm: 1,
      result: 'updated',
    });
    expect(held('orders', 'ord-3')?.source).toEqual({ status: 'shipped', items: 2 });
    expect(JSON.parse(last()?.body ?? '')).toEqual({ doc: { status: 'shipped' } });
    expect(last()).toMatchObject({ method: 'POST', path: '/orders/_update/ord-3' });

    expect(
      await run('documents.update', { index: 'orders', id: 'ord-3', fields: { status: 'shipped' } }),
    ).toMatchObject({
      result: 'noop',
      version: 2,
    });

    const script = { source: 'ctx._source.items += params.n', params: { n: 3 } };
    expect(await run('documents.update', { index: 'orders', id: 'ord-3', script })).toMatchObject({
      result: 'updated',
    });
    expect(held('orders', 'ord-3')?.source).toMatchObject({ items: 5 });

    expect(
      await run('documents.update', { index: 'stats', id: 'home', script, upsert: true, upsertDocument: { items: 1 } }),
    ).toMatchObject({ result: 'created', version: 1 });
    expect(held('stats', 'home')?.source).toEqual({ items: 1 });
    expect(
      await run('documents.update', { index: 'stats', id: 'fresh', fields: { a: 1 }, upsert: true }),
    ).toMatchObject({
      result: 'created',
    });
    expect(JSON.parse(last()?.body ?? '')).toEqual({ doc: { a: 1 }, doc_as_upsert: true });
  });

  it('maps a missing document, a missing index and a stale sequence number', async () => {
    await run('documents.index', { index: 'orders', id: 'ord-4', document: { a: 1 } });
    const missingDoc = await fail('documents.update', { index: 'orders', id: 'ghost', fields: { a: 2 } });
    expect(missingDoc).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(missingDoc.error?.message).toMatch(/document_missing_exception/);

    const missingIndex = await fail('documents.get', { index: 'no-such-index', id: 'x' });
    expect(missingIndex).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(missingIndex.error?.message).toMatch(/index_not_found_exception: no such index \[no-such-index\]/);

    const stale = await fail('documents.update', {
      index: 'orders',
      id: 'ord-4',
      fields: { a: 3 },
      ifSeqNo: 99,
      ifPrimaryTerm: 1,
    });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    expect(held('orders', 'ord-4')?.source).toEqual({ a: 1 });
    const current = held('orders', 'ord-4');
    expect(
      await run('documents.index', {
        index: 'orders',
        id: 'ord-4',
        document: { a: 4 },
        ifSeqNo: current?.seqNo,
        ifPrimaryTerm: 1,
      }),
    ).toMatchObject({ result: 'updated' });
    expect(last()?.query.get('if_seq_no')).toBe(String(current?.seqNo));

    expect(await fail('documents.update', { index: 'orders', id: 'ord-4' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });

  it('deletes a document, and says when there was none', async () => {
    await run('documents.index', { index: 'orders', id: 'ord-5', document: { a: 1 } });
    expect(await run('documents.delete', { index: 'orders', id: 'ord-5', refresh: 'true' })).toEqual({
      deleted: true,
      index: 'orders',
      id: 'ord-5',
      version: 2,
    });
    expect(last()).toMatchObject({ method: 'DELETE', path: '/orders/_doc/ord-5' });
    expect(last()?.query.get('refresh')).toBe('true');
    expect(held('orders', 'ord-5')).toBeUndefined();
    expect(await run('documents.delete', { index: 'orders', id: 'ord-5' })).toEqual({
      deleted: false,
      index: 'orders',
      id: 'ord-5',
      version: null,
    });
    expect(await fail('documents.delete', { index: 'nowhere', id: 'x' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
  });
});

describe('search and count', () => {
  const orders = [
    { id: 'o1', customer: 'Ada Lovelace', status: 'paid', total: 120, createdAt: '2024-05-01T10:00:00Z' },
    { id: 'o2', customer: 'Grace Hopper', status: 'paid', total: 80, createdAt: '2024-05-02T10:00:00Z' },
    { id: 'o3', customer: 'Ada Byron', status: 'unpaid', total: 15, createdAt: '2024-05-03T10:00:00Z' },
    { id: 'o4', customer: 'Alan Turing', status: 'paid', total: 300, createdAt: '2024-05-04T10:00:00Z' },
  ];
  const load = () =>
    run('bulk', {
      index: 'orders',
      refresh: 'wait_for',
      operations: orders.map(({ id, ...document }) => ({ action: 'index', id, document })),
    });

  it('sees a write only after a refresh, as Elasticsearch does', async () => {
    await run('documents.index', { index: 'orders', id: 'late', document: { customer: 'Ada' } });
    expect(await run('search', { index: 'orders' })).toMatchObject({ total: 0, hits: [] });
    await run('documents.index', { index: 'orders', id: 'now', document: { customer: 'Ada' }, refresh: 'wait_for' });
    expect(last()?.query.get('refresh')).toBe('wait_for');
    expect((await run('search', { index: 'orders' })).total).toBe(2);
  });

  it('finds by full text, terms and ranges, with totals, scores and sources', async () => {
    await load();
    const byName = await run('search', {
      index: 'orders',
      query: { bool: { must: [{ match: { customer: 'ada' } }], filter: [{ term: { status: 'paid' } }] } },
    });
    expect(byName).toMatchObject({ total: 1, totalRelation: 'eq', hits: [{ index: 'orders', id: 'o1' }] });
    const [hit] = byName.hits as { document: unknown; score: number }[];
    expect(hit?.document).toEqual(held('orders', 'o1')?.source);
    expect(hit?.score).toBeGreaterThan(0);
    expect(JSON.parse(last()?.body ?? '')).toMatchObject({
      query: { bool: { must: [{ match: { customer: 'ada' } }] } },
      size: 10,
      from: 0,
      track_total_hits: true,
    });
    expect(last()).toMatchObject({ method: 'POST', path: '/orders/_search' });

    const ranged = await run('search', {
      index: 'orders',
      query: { range: { total: { gte: 80, lt: 300 } } },
      sort: [{ total: 'asc' }],
      fields: ['customer'],
    });
    expect(ranged).toMatchObject({
      total: 2,
      maxScore: null,
      hits: [
        { id: 'o2', document: { customer: 'Grace Hopper' }, sort: [80], score: null },
        { id: 'o1', document: { customer: 'Ada Lovelace' }, sort: [120] },
      ],
      nextSearchAfter: [120],
    });
    expect(await run('count', { index: 'orders', query: { term: { status: 'paid' } } })).toEqual({ count: 3 });
    expect(last()).toMatchObject({ method: 'POST', path: '/orders/_count' });
    expect(await run('count', {})).toEqual({ count: 4 });
  });

  it('pages with from and size, and past them with sort and searchAfter', async () => {
    await load();
    const sort = [{ createdAt: 'desc' }];
    const first = await run('search', { index: 'orders', sort, size: 2 });
    expect((first.hits as { id: string }[]).map((h) => h.id)).toEqual(['o4', 'o3']);
    expect(first.nextSearchAfter).toEqual([Date.parse('2024-05-03T10:00:00Z')]);
    const second = await run('search', { index: 'orders', sort, size: 2, searchAfter: first.nextSearchAfter });
    expect((second.hits as { id: string }[]).map((h) => h.id)).toEqual(['o2', 'o1']);
    expect(second.total).toBe(4);
    const third = await run('search', { index: 'orders', sort, size: 2, searchAfter: second.nextSearchAfter });
    expect(third).toMatchObject({ hits: [], nextSearchAfter: null });
    const paged = await run('search', { index: 'orders', sort, size: 1, from: 2 });
    expect((paged.hits as { id: string }[]).map((h) => h.id)).toEqual(['o2']);
  });

  it('returns aggregations', async () => {
    await load();
    const result = await run('search', {
      index: 'orders',
      size: 0,
      aggregations: { byStatus: { terms: { field: 'status' } } },
    });
    expect(result).toMatchObject({
      total: 4,
      hits: [],
      aggregations: {
        byStatus: {
          buckets: [
            { key: 'paid', doc_count: 3 },
            { key: 'unpaid', doc_count: 1 },
          ],
        },
      },
    });
  });

  it('reports a malformed query as invalid input and a missing index as not found', async () => {
    await load();
    const bad = await fail('search', { index: 'orders', query: { fuzzy_magic: { customer: 'x' } } });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(bad.error?.message).toMatch(/parsing_exception: unknown query \[fuzzy_magic\]/);
    expect(await fail('search', { index: 'missing' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
    expect(await fail('search', { index: 'orders', size: 9000, from: 2000 })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });
});

describe('bulk', () => {
  it('applies index, create, update and delete items and reports each one', async () => {
    await run('documents.index', { index: 'products', id: 'sku-0', document: { name: 'Old' } });
    await run('documents.index', { index: 'products', id: 'sku-9', document: { name: 'Taken' } });
    const result = await run('bulk', {
      index: 'products',
      operations: [
        { action: 'index', id: 'sku-1', document: { name: 'Tea', price: 4.5 } },
        { action: 'create', id: 'sku-9', document: { name: 'Dup' } },
        { action: 'update', id: 'sku-0', document: { price: 2 } },
        { action: 'update', id: 'sku-404', document: { price: 1 } },
        { action: 'delete', id: 'sku-0', index: 'products' },
        { action: 'delete', id: 'never' },
        { action: 'create', index: 'archive', document: { name: 'auto id' } },
      ],
    });
    expect(result).toMatchObject({ errors: true, succeeded: 5, failed: 2 });
    expect(result.items).toEqual([
      { action: 'index', index: 'products', id: 'sku-1', status: 201, result: 'created', version: 1, error: null },
      {
        action: 'create',
        index: 'products',
        id: 'sku-9',
        status: 409,
        result: null,
        version: null,
        error: { type: 'version_conflict_engine_exception', reason: expect.stringMatching(/already exists/) },
      },
      { action: 'update', index: 'products', id: 'sku-0', status: 200, result: 'updated', version: 2, error: null },
      {
        action: 'update',
        index: 'products',
        id: 'sku-404',
        status: 404,
        result: null,
        version: null,
        error: { type: 'document_missing_exception', reason: '[sku-404]: document missing' },
      },
      { action: 'delete', index: 'products', id: 'sku-0', status: 200, result: 'deleted', version: 3, error: null },
      { action: 'delete', index: 'products', id: 'never', status: 404, result: 'not_found', version: 1, error: null },
      {
        action: 'create',
        index: 'archive',
        id: expect.any(String),
        status: 201,
        result: 'created',
        version: 1,
        error: null,
      },
    ]);
    expect(held('products', 'sku-1')?.source).toEqual({ name: 'Tea', price: 4.5 });
    expect(held('products', 'sku-9')?.source).toEqual({ name: 'Taken' });
    expect(held('products', 'sku-0')).toBeUndefined();
    const request = last();
    expect(request).toMatchObject({ method: 'POST', path: '/_bulk' });
    expect(request?.headers['content-type']).toBe('application/vnd.elasticsearch+x-ndjson; compatible-with=9');
    expect(
      request?.body
        .split('\n')
        .filter(Boolean)
        .map((line) => JSON.parse(line))[0],
    ).toEqual({
      index: { _index: 'products', _id: 'sku-1' },
    });
  });

  it('fails the step on item errors when asked, after applying the rest', async () => {
    await run('documents.index', { index: 'products', id: 'a', document: {} });
    const result = await fail('bulk', {
      index: 'products',
      failOnItemErrors: true,
      operations: [
        { action: 'create', id: 'a', document: {} },
        { action: 'index', id: 'b', document: { ok: true } },
      ],
    });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/1 of 2 bulk items failed/);
    expect(held('products', 'b')?.source).toEqual({ ok: true });
    expect(await fail('bulk', { operations: [{ action: 'delete', id: 'x' }] })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });
});

describe('indices', () => {
  it('creates an index with mappings, and reports one that exists as a conflict', async () => {
    const mappings = { properties: { status: { type: 'keyword' } } };
    expect(await run('indices.create', { index: 'orders', mappings, settings: { number_of_replicas: 0 } })).toEqual({
      index: 'orders',
      acknowledged: true,
      shardsAcknowledged: true,
    });
    expect(es.indices.get('orders')?.mappings).toEqual(mappings);
    expect(last()).toMatchObject({ method: 'PUT', path: '/orders' });
    expect(await fail('indices.create', { index: 'orders' })).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 400 },
    });
  });
});

describe('documents.new trigger', () => {
  it('emits documents added since the last poll, oldest first, once each', async () => {
    const add = (id: string, at: string, level = 'error') =>
      run('documents.index', {
        index: 'logs',
        id,
        document: { '@timestamp': at, level, message: id },
        refresh: 'true',
      });
    await add('l1', '2024-05-01T10:00:00Z');
    const input = { index: 'logs', query: { term: { level: 'error' } } };
    const first = await connector.poll('documents.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    await add('l2', '2024-05-01T10:01:00Z');
    await add('l3', '2024-05-01T10:02:00Z', 'info');
    await add('l4', '2024-05-01T10:03:00Z');
    const second = await connector.poll('documents.new', input, { auth, state: first.state });
    expect(second.status).toBe('completed');
    expect(second.items).toEqual([
      { id: 'l2', index: 'logs', timestamp: '2024-05-01T10:01:00Z', document: held('logs', 'l2')?.source },
      { id: 'l4', index: 'logs', timestamp: '2024-05-01T10:03:00Z', document: held('logs', 'l4')?.source },
    ]);
    expect(JSON.parse(last()?.body ?? '')).toMatchObject({ sort: [{ '@timestamp': { order: 'desc' } }], size: 100 });
    const third = await connector.poll('documents.new', input, { auth, state: second.state });
    expect(third).toMatchObject({ status: 'completed', items: [] });
  });
});

describe('connection', () => {
  it('authenticates with a user and password, and with an id:key API key', async () => {
    const basic = { node: es.url, username: es.user.username, password: es.user.password };
    await run('documents.index', { index: 'x', id: '1', document: {} }, basic);
    expect(last()?.headers.authorization).toBe(`Basic ${Buffer.from('elastic:changeme').toString('base64')}`);
    await run('documents.get', { index: 'x', id: '1' }, { node: es.url, apiKey: `${es.apiKey.id}:${es.apiKey.key}` });
    expect(last()?.headers.authorization).toBe(`ApiKey ${es.apiKey.encoded}`);
  });

  it('reports refused credentials as auth errors', async () => {
    const wrong = await fail('count', {}, { node: es.url, username: 'elastic', password: 'nope' });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(wrong.error?.message).toMatch(/security_exception: unable to authenticate user \[elastic\]/);
    expect(await fail('count', {}, { node: es.url })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 401 },
    });
  });

  it('reports 429 as a rate limit with Retry-After, and 503 as transient', async () => {
    es.failNext({
      status: 429,
      headers: { 'retry-after': '7' },
      body: {
        error: { type: 'es_rejected_execution_exception', reason: 'rejected execution of coordinating operation' },
        status: 429,
      },
    });
    expect(await fail('count', {})).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 7 },
    });
    es.failNext({
      status: 503,
      body: {
        error: { type: 'cluster_block_exception', reason: 'blocked by: [SERVICE_UNAVAILABLE/1/state not recovered]' },
        status: 503,
      },
    });
    expect(await fail('count', {})).toMatchObject({ status: 'failed', error: { kind: 'transient', status: 503 } });
  });

  it('refuses a server that is not Elasticsearch (no X-Elastic-Product header)', async () => {
    es.failNext({ status: 200, body: { count: 1 }, product: null });
    const result = await fail('count', {});
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.hint).toMatch(/not Elasticsearch/);
  });

  it('reports an unreachable node as transient', async () => {
    const closed = await startElasticsearch();
    const url = closed.url;
    await closed.close();
    const result = await fail('count', {}, { node: url, apiKey: es.apiKey.encoded });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
  });

  // A self-managed cluster serves HTTPS with a certificate from its own CA (http_ca.crt), as
  // Elasticsearch 8+ sets itself up. fixtures/ holds such a CA and a node certificate for 127.0.0.1
  // (made once with openssl, valid for 100 years; the CA's key was thrown away).
  it('trusts a self-managed cluster by its CA certificate or the CA fingerprint, and nothing else', async () => {
    const fixture = (name: string) => readFileSync(new URL(`fixtures/${name}`, import.meta.url), 'utf8');
    // Like Elasticsearch's own http.p12, the server sends its certificate chain with the CA.
    const chain = fixture('node.crt') + fixture('ca.crt');
    const secure = await startElasticsearch({ tls: { key: fixture('node.key'), cert: chain } });
    try {
      const base = { node: secure.url, apiKey: secure.apiKey.encoded };
      expect(await run('count', {}, { ...base, caCertificate: fixture('ca.crt') })).toEqual({ count: 0 });
      const fingerprint =
        '3C:CE:3C:A9:6D:59:F7:9A:F2:CE:08:4E:0E:AD:1C:44:AE:50:37:1C:E3:19:A2:2D:DB:62:42:4A:64:95:6E:05';
      expect(await run('count', {}, { ...base, caFingerprint: fingerprint })).toEqual({ count: 0 });
      const untrusted = await fail('count', {}, base);
      expect(untrusted).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
      const otherFingerprint = await fail(
        'count',
        {},
        { ...base, caFingerprint: fingerprint.replace('3C:CE', '00:00') },
      );
      expect(otherFingerprint).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
      expect(otherFingerprint.error?.message).toMatch(/fingerprint does not match/);
      expect(secure.requests).toHaveLength(2);
    } finally {
      await secure.close();
    }
  });

  it('refuses a Cloud ID outside Elastic Cloud before connecting, and a connection with neither node nor Cloud ID', async () => {
    const elsewhere = `prod:${Buffer.from('es.internal.example:443$abc$def').toString('base64')}`;
    const result = await fail('count', {}, { cloudId: elsewhere, apiKey: es.apiKey.encoded });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/es\.internal\.example, which is not an Elastic Cloud domain/);
    expect(await fail('count', {}, { apiKey: es.apiKey.encoded })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });
});
