import { DynamoDBClient, PutItemCommand } from '@aws-sdk/client-dynamodb';
import { GetCommand, PutCommand, ScanCommand } from '@aws-sdk/lib-dynamodb';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type DynamoReference, KEYS, startDynalite } from './dynalite.js';
import { type DynamoProxy, startDynamoProxy } from './proxy.js';

// Every action through the sandbox users run it in (worker thread, egress limited to
// *.amazonaws.com and the hosts the connection names), against dynalite on loopback, reached the
// way DynamoDB local or LocalStack is: through the connection's `endpoint`
// (network.connectionHosts). What the connector wrote is read back with a client of the test's
// own. proxy.ts sits in front of dynalite for unprocessed batch writes and throttling.
let db: DynamoReference;
let proxy: DynamoProxy;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  db = await startDynalite();
  proxy = await startDynamoProxy(db.url, { accessKeyId: KEYS.accessKeyId, region: 'eu-central-1' });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { ...KEYS, region: 'eu-central-1', endpoint: db.url };
});
afterAll(async () => {
  await connector?.close();
  await proxy?.close();
  await db?.close();
});

const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const stored = async (customerId: string, orderId: number) =>
  (await db.direct.send(new GetCommand({ TableName: 'orders', Key: { customerId, orderId } }))).Item;
const seed = async (...items: Record<string, unknown>[]) => {
  for (const item of items) await db.direct.send(new PutCommand({ TableName: 'orders', Item: item }));
};

describe('every example in the manifest', () => {
  it('runs in a story order on a table, and gives the output it shows', async () => {
    const order = [
      'tables.list',
      'items.put',
      'items.get',
      'items.update',
      'items.query',
      'items.scan',
      'items.batchWrite',
      'items.delete',
    ];
    await runExamples(order);
    expect(await stored('c-17', 1001)).toBeUndefined();
    expect(await stored('c-18', 2002)).toMatchObject({ status: 'open', total: 130 });
  });
});

describe('items', () => {
  it('puts nested items and reads them back, with projections, sets, binary and exact big numbers', async () => {
    const item = {
      customerId: 'c-30',
      orderId: 1,
      address: { city: 'Lyon', lines: ['1 rue X', null] },
      paid: true,
      note: null,
    };
    expect(await run('items.put', { table: 'orders', item })).toEqual({ replaced: false, oldItem: null });
    expect(await stored('c-30', 1)).toEqual(item);
    // The test's own client writes what JSON cannot: a string set, binary and a number past 2^53.
    const low = new DynamoDBClient({ region: 'eu-central-1', endpoint: db.url, credentials: KEYS });
    await low.send(
      new PutItemCommand({
        TableName: 'orders',
        Item: {
          customerId: { S: 'c-30' },
          orderId: { N: '1' },
          big: { N: '12345678901234567890' },
          tags: { SS: ['a', 'b'] },
          blob: { B: Buffer.from([1, 2, 3]) },
          address: { M: { city: { S: 'Lyon' } } },
        },
      }),
    );
    low.destroy();
    const got = await run('items.get', {
      table: 'orders',
      key: { customerId: 'c-30', orderId: 1 },
      consistentRead: true,
    });
    expect(got).toEqual({
      found: true,
      item: {
        customerId: 'c-30',
        orderId: 1,
        big: '12345678901234567890',
        tags: ['a', 'b'],
        blob: 'AQID',
        address: { city: 'Lyon' },
      },
    });
    expect(
      await run('items.get', {
        table: 'orders',
        key: { customerId: 'c-30', orderId: 1 },
        attributes: ['address', 'status'],
      }),
    ).toEqual({ found: true, item: { address: { city: 'Lyon' } } });
    expect(await run('items.get', { table: 'orders', key: { customerId: 'c-30', orderId: 404 } })).toEqual({
      found: false,
      item: null,
    });

    const replaced = await run('items.put', { table: 'orders', item: { customerId: 'c-30', orderId: 1, v: 2 } });
    expect(replaced).toMatchObject({ replaced: true, oldItem: { big: '12345678901234567890' } });
    expect(await stored('c-30', 1)).toEqual({ customerId: 'c-30', orderId: 1, v: 2 });
  });

  it('refuses to overwrite with attribute_not_exists, as a conflict', async () => {
    await seed({ customerId: 'c-31', orderId: 1, status: 'paid' });
    const again = await fail('items.put', {
      table: 'orders',
      item: { customerId: 'c-31', orderId: 1, status: 'new' },
      conditionExpression: 'attribute_not_exists(orderId)',
    });
    expect(again).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 400 } });
    expect(again.error?.message).toMatch(/ConditionalCheckFailedException/);
    expect(await stored('c-31', 1)).toMatchObject({ status: 'paid' });
  });

  it('updates with set/remove (reserved words too), expressions and conditions', async () => {
    await seed({ customerId: 'c-32', orderId: 1, status: 'paid', name: 'x', draft: true, views: 1 });
    expect(
      await run('items.update', {
        table: 'orders',
        key: { customerId: 'c-32', orderId: 1 },
        set: { status: 'shipped', name: 'box' },
        remove: ['draft'],
      }),
    ).toEqual({ item: { customerId: 'c-32', orderId: 1, status: 'shipped', name: 'box', views: 1 } });
    expect(
      await run('items.update', {
        table: 'orders',
        key: { customerId: 'c-32', orderId: 1 },
        updateExpression: 'SET #v = #v + :one',
        expressionAttributeNames: { '#v': 'views' },
        expressionAttributeValues: { ':one': 1 },
        returnValues: 'UPDATED_OLD',
      }),
    ).toEqual({ item: { views: 1 } });
    expect(await stored('c-32', 1)).toMatchObject({ views: 2 });

    const stale = await fail('items.update', {
      table: 'orders',
      key: { customerId: 'c-32', orderId: 1 },
      set: { status: 'refunded' },
      conditionExpression: '#s = :paid',
      expressionAttributeNames: { '#s': 'status' },
      expressionAttributeValues: { ':paid': 'paid' },
    });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    expect(await stored('c-32', 1)).toMatchObject({ status: 'shipped' });

    const missing = await fail('items.update', {
      table: 'orders',
      key: { customerId: 'c-32', orderId: 2 },
      set: { status: 'x' },
      onlyIfExists: true,
    });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    expect(await stored('c-32', 2)).toBeUndefined();
    expect(
      await run('items.update', { table: 'orders', key: { customerId: 'c-32', orderId: 2 }, set: { status: 'x' } }),
    ).toEqual({ item: { customerId: 'c-32', orderId: 2, status: 'x' } });

    const both = await fail('items.update', {
      table: 'orders',
      key: { customerId: 'c-32', orderId: 2 },
      set: { a: 1 },
      updateExpression: 'SET b = :b',
    });
    expect(both).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('deletes only when the condition holds, and says when nothing was there', async () => {
    await seed({ customerId: 'c-33', orderId: 1, status: 'open' });
    const guarded = await fail('items.delete', {
      table: 'orders',
      key: { customerId: 'c-33', orderId: 1 },
      conditionExpression: '#s = :done',
      expressionAttributeNames: { '#s': 'status' },
      expressionAttributeValues: { ':done': 'done' },
    });
    expect(guarded).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    expect(await stored('c-33', 1)).toBeDefined();
    expect(await run('items.delete', { table: 'orders', key: { customerId: 'c-33', orderId: 1 } })).toEqual({
      deleted: true,
      oldItem: { customerId: 'c-33', orderId: 1, status: 'open' },
    });
    expect(await run('items.delete', { table: 'orders', key: { customerId: 'c-33', orderId: 1 } })).toEqual({
      deleted: false,
      oldItem: null,
    });
  });
});

describe('query and scan', () => {
  const orders = Array.from({ length: 7 }, (_, i) => ({
    customerId: 'c-40',
    orderId: i + 1,
    status: i % 2 === 0 ? 'open' : 'paid',
    total: (i + 1) * 10,
  }));
  beforeAll(async () => {
    await seed(...orders);
  });

  it('queries a partition in pages by lastEvaluatedKey, both directions, with a filter', async () => {
    const first = await run('items.query', {
      table: 'orders',
      keyConditionExpression: 'customerId = :c',
      expressionAttributeValues: { ':c': 'c-40' },
      limit: 3,
    });
    expect((first.items as { orderId: number }[]).map((o) => o.orderId)).toEqual([1, 2, 3]);
    expect(first).toMatchObject({ count: 3, scannedCount: 3, lastEvaluatedKey: { customerId: 'c-40', orderId: 3 } });
    const rest = await run('items.query', {
      table: 'orders',
      keyConditionExpression: 'customerId = :c',
      expressionAttributeValues: { ':c': 'c-40' },
      limit: 100,
      exclusiveStartKey: first.lastEvaluatedKey,
    });
    expect((rest.items as { orderId: number }[]).map((o) => o.orderId)).toEqual([4, 5, 6, 7]);
    expect(rest).not.toHaveProperty('lastEvaluatedKey');

    const newest = await run('items.query', {
      table: 'orders',
      keyConditionExpression: 'customerId = :c AND orderId > :after',
      filterExpression: '#s = :open',
      expressionAttributeNames: { '#s': 'status' },
      expressionAttributeValues: { ':c': 'c-40', ':after': 2, ':open': 'open' },
      scanIndexForward: false,
      attributes: ['orderId', 'total'],
    });
    expect(newest).toEqual({
      items: [
        { orderId: 7, total: 70 },
        { orderId: 5, total: 50 },
        { orderId: 3, total: 30 },
      ],
      count: 3,
      scannedCount: 5,
    });

    const byIndex = await run('items.query', {
      table: 'orders',
      indexName: 'status-index',
      keyConditionExpression: '#s = :paid',
      expressionAttributeNames: { '#s': 'status' },
      expressionAttributeValues: { ':paid': 'paid' },
    });
    expect((byIndex.items as { customerId: string }[]).filter((o) => o.customerId === 'c-40')).toHaveLength(3);
  });

  it('scans the table with a filter, page by page', async () => {
    const filter = {
      table: 'orders',
      filterExpression: 'customerId = :c AND #t >= :min',
      expressionAttributeNames: { '#t': 'total' },
      expressionAttributeValues: { ':c': 'c-40', ':min': 40 },
    };
    const all = await run('items.scan', { ...filter, limit: 1000 });
    expect((all.items as { orderId: number }[]).map((o) => o.orderId).sort()).toEqual([4, 5, 6, 7]);
    const total = (await db.direct.send(new ScanCommand({ TableName: 'orders', Select: 'COUNT' }))).Count;
    expect(all).toMatchObject({ count: 4, scannedCount: total });

    const seen: number[] = [];
    let start: unknown;
    let pages = 0;
    do {
      const page = await run('items.scan', { ...filter, limit: 4, ...(start ? { exclusiveStartKey: start } : {}) });
      expect(page.scannedCount).toBeLessThanOrEqual(4);
      seen.push(...(page.items as { orderId: number }[]).map((o) => o.orderId));
      start = page.lastEvaluatedKey;
      pages++;
    } while (start && pages < 20);
    expect(seen.sort()).toEqual([4, 5, 6, 7]);
    expect(pages).toBeGreaterThan(1);
  });
});

describe('batch writes', () => {
  it('writes more than 25 items in several requests', async () => {
    const put = Array.from({ length: 30 }, (_, i) => ({ customerId: 'c-50', orderId: i, total: i }));
    expect(await run('items.batchWrite', { table: 'orders', put })).toEqual({ put: 30, deleted: 0, requests: 2 });
    expect(await stored('c-50', 29)).toEqual({ customerId: 'c-50', orderId: 29, total: 29 });
    const remove = put.map(({ customerId, orderId }) => ({ customerId, orderId }));
    expect(await run('items.batchWrite', { table: 'orders', delete: remove })).toMatchObject({ deleted: 30 });
    expect(await stored('c-50', 0)).toBeUndefined();
  });

  it('sends unprocessed items again until all are written', async () => {
    proxy.leaveUnprocessed(2);
    proxy.targets.length = 0;
    const put = Array.from({ length: 3 }, (_, i) => ({ customerId: 'c-51', orderId: i, v: 'x' }));
    const written = await run('items.batchWrite', { table: 'orders', put }, { ...auth, endpoint: proxy.url });
    expect(written).toEqual({ put: 3, deleted: 0, requests: 3 });
    expect(proxy.targets).toEqual(Array(3).fill('DynamoDB_20120810.BatchWriteItem'));
    for (const { orderId } of put) expect(await stored('c-51', orderId)).toMatchObject({ v: 'x' });
    expect(proxy.unmatched).toEqual([]);
  });
});

describe('failures', () => {
  it('maps a missing table, throttling, unknown keys and invalid requests', async () => {
    const noTable = await fail('items.get', { table: 'no-such-table', key: { id: 'x' } });
    expect(noTable).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 400 } });
    expect(noTable.error?.message).toMatch(/ResourceNotFoundException/);

    proxy.throttleNext();
    const throttled = await fail(
      'items.get',
      { table: 'orders', key: { customerId: 'c', orderId: 1 } },
      {
        ...auth,
        endpoint: proxy.url,
      },
    );
    expect(throttled).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 400 } });

    const stranger = await fail(
      'tables.list',
      {},
      { ...auth, endpoint: proxy.url, accessKeyId: 'AKIASOMEONEELSE00001' },
    );
    expect(stranger).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(stranger.error?.message).toMatch(/UnrecognizedClientException/);

    const wrongKey = await fail('items.get', { table: 'orders', key: { customerId: 'c-1' } });
    expect(wrongKey).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(wrongKey.error?.message).toMatch(/ValidationException/);
  });
});
