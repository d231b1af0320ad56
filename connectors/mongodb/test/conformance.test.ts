import { randomUUID } from 'node:crypto';
import { type ConformanceResult, type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { freePort } from '@mova/sdk/testing';
import { type Document, MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MongoTarget, mongoTarget, withCredentials, withDatabasePath } from './mongo-target.js';

// Every action through the sandbox users run it in (worker thread, egress limited to the hosts the
// connection's `uri` names). The server is a real MongoDB when MOVA_TEST_MONGODB_URL is set, and
// otherwise the wire-protocol test double in test/wire, listening on a loopback port (no MongoDB
// server can be installed on these machines; the README says what the double covers). Outputs are
// checked against what a second, direct driver client reads from the same server.
let target: MongoTarget;
let direct: MongoClient;
let mongo: ConnectorUnderTest;
const database = `mova_conformance_${randomUUID().slice(0, 8)}`;
let auth: { uri: string; database: string };
const collection = <T extends Document = Document>(name: string) => direct.db(database).collection<T>(name);

beforeAll(async () => {
  target = await mongoTarget();
  auth = { uri: target.uri, database };
  direct = new MongoClient(target.uri, { serverSelectionTimeoutMS: 5000 });
  await direct.connect();
  mongo = await loadConnector({ dir: new URL('..', import.meta.url) });
});

afterAll(async () => {
  await direct?.db(database).dropDatabase();
  await direct?.close();
  await mongo?.close();
  await target?.close();
});

describe('inserting', () => {
  it('inserts one Extended JSON document and returns its _id', async () => {
    const id = new ObjectId().toHexString();
    const result = await mongo.run(
      'documents.insertOne',
      {
        collection: 'people',
        document: { _id: { $oid: id }, name: 'Ada', born: { $date: '1815-12-10T00:00:00Z' }, langs: ['en'] },
      },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { insertedId: { $oid: id } }, isolation: 'worker' });
    expect(await collection('people').findOne({ _id: new ObjectId(id) })).toEqual({
      _id: new ObjectId(id),
      name: 'Ada',
      born: new Date('1815-12-10T00:00:00Z'),
      langs: ['en'],
    });

    const generated = await mongo.run(
      'documents.insertOne',
      { collection: 'people', document: { name: 'Grace' } },
      { auth },
    );
    const { insertedId } = outputOf<{ insertedId: { $oid: string } }>(generated);
    expect(await collection('people').findOne({ _id: new ObjectId(insertedId.$oid) })).toMatchObject({ name: 'Grace' });
  });

  it('inserts many documents and returns their _ids in order', async () => {
    const result = await mongo.run(
      'documents.insertMany',
      { collection: 'batch', documents: [{ _id: 1, n: 'one' }, { _id: 2, n: 'two' }, { n: 'three' }] },
      { auth },
    );
    expect(result).toMatchObject({
      status: 'completed',
      output: { insertedCount: 3, insertedIds: [1, 2, { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) }] },
    });
    const { insertedIds } = outputOf<{ insertedIds: [number, number, { $oid: string }] }>(result);
    // No sort: a real server's natural order need not be insertion order.
    const stored = await collection('batch').find({}).toArray();
    expect(stored).toHaveLength(3);
    expect(stored).toEqual(
      expect.arrayContaining([
        { _id: 1, n: 'one' },
        { _id: 2, n: 'two' },
        { _id: new ObjectId(insertedIds[2].$oid), n: 'three' },
      ]),
    );
  });

  it('reports a duplicate _id as conflict (E11000) and stops an ordered batch there', async () => {
    await collection<{ _id: string }>('dup').insertOne({ _id: 'same' });
    const one = await mongo.run('documents.insertOne', { collection: 'dup', document: { _id: 'same' } }, { auth });
    expect(one).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 11000, actionKey: 'documents.insertOne' },
    });
    expect(one.error?.message).toContain('E11000');

    const many = await mongo.run(
      'documents.insertMany',
      { collection: 'dup', documents: [{ _id: 'a' }, { _id: 'same' }, { _id: 'b' }] },
      { auth },
    );
    expect(many).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 11000 } });
    const ids = (await collection('dup').find({}).toArray()).map((d) => d._id);
    expect(ids.sort()).toEqual(['a', 'same']);
  });

  it('refuses malformed Extended JSON as invalid input before writing', async () => {
    const result = await mongo.run(
      'documents.insertOne',
      { collection: 'bad', document: { _id: { $oid: 'not-an-id' } } },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toContain('not valid Extended JSON');
    expect(await collection('bad').countDocuments()).toBe(0);
  });
});

describe('finding', () => {
  beforeAll(async () => {
    await collection('orders').insertMany(
      Array.from({ length: 150 }, (_, i) => ({
        n: i,
        status: i % 3 === 0 ? 'paid' : 'open',
        at: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000),
      })),
    );
  });

  it('filters with Extended JSON, sorts, projects, and matches what the server returns', async () => {
    const result = await mongo.run(
      'documents.find',
      {
        collection: 'orders',
        filter: { at: { $gte: { $date: '2024-05-01T00:00:00Z' } }, status: 'paid' },
        projection: { _id: 0, n: 1, at: 1 },
        sort: { n: -1 },
        limit: 3,
      },
      { auth },
    );
    const held = await collection<{ n: number; at: Date }>('orders')
      .find({ at: { $gte: new Date('2024-05-01T00:00:00Z') }, status: 'paid' }, { projection: { _id: 0, n: 1, at: 1 } })
      .sort({ n: -1 })
      .limit(3)
      .toArray();
    expect(held.map((d) => d.n)).toEqual([147, 144, 141]);
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        documents: held.map((d) => ({ n: d.n, at: { $date: d.at.toISOString().replace('.000Z', 'Z') } })),
        count: 3,
        more: true,
      },
    });
  });

  it('pages past the first cursor batch with skip and limit', async () => {
    const first = await mongo.run(
      'documents.find',
      { collection: 'orders', filter: {}, sort: { n: 1 }, limit: 120 },
      { auth },
    );
    expect(first).toMatchObject({ status: 'completed', output: { count: 120, more: true } });
    const rest = await mongo.run(
      'documents.find',
      { collection: 'orders', filter: {}, projection: { _id: 0, n: 1 }, sort: { n: 1 }, skip: 120, limit: 100 },
      { auth },
    );
    expect(rest).toMatchObject({ status: 'completed', output: { count: 30, more: false } });
    const { documents } = outputOf<{ documents: { n: number }[] }>(rest);
    expect(documents.map((d) => d.n)).toEqual(Array.from({ length: 30 }, (_, i) => 120 + i));
  });

  it('finds by ObjectId written as {"$oid": …}', async () => {
    const { insertedId } = await collection('orders').insertOne({ n: 1000 });
    const result = await mongo.run(
      'documents.find',
      { collection: 'orders', filter: { _id: { $oid: insertedId.toHexString() } } },
      { auth },
    );
    expect(result.output).toEqual({
      documents: [{ _id: { $oid: insertedId.toHexString() }, n: 1000 }],
      count: 1,
      more: false,
    });
  });

  it('reports an unknown query operator as invalid input, and a limit over the cap before connecting', async () => {
    const operator = await mongo.run(
      'documents.find',
      { collection: 'orders', filter: { n: { $bogus: 1 } } },
      { auth },
    );
    expect(operator).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', actionKey: 'documents.find' } });
    expect(operator.error?.message).toContain('$bogus');
    const limit = await mongo.run('documents.find', { collection: 'orders', filter: {}, limit: 5000 }, { auth });
    expect(limit).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('updating', () => {
  beforeAll(async () => {
    await collection('stock').insertMany([
      { sku: 'a', qty: 1, price: 10 },
      { sku: 'b', qty: 0, price: 20 },
      { sku: 'c', qty: 0, price: 30 },
    ]);
  });

  it('applies operators to every match and counts only real changes', async () => {
    const first = await mongo.run(
      'documents.updateMany',
      {
        collection: 'stock',
        filter: { qty: 0 },
        update: { $set: { soldOut: true, checkedAt: { $date: '2024-06-01T12:00:00Z' } }, $inc: { price: 1 } },
      },
      { auth },
    );
    expect(first).toMatchObject({
      status: 'completed',
      output: { matchedCount: 2, modifiedCount: 2, upsertedCount: 0, upsertedId: null },
    });
    const again = await mongo.run(
      'documents.updateMany',
      { collection: 'stock', filter: { qty: 0 }, update: { $set: { soldOut: true } } },
      { auth },
    );
    expect(again.output).toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    const rows = await collection('stock')
      .find({}, { sort: { sku: 1 }, projection: { _id: 0 } })
      .toArray();
    expect(rows).toEqual([
      { sku: 'a', qty: 1, price: 10 },
      { sku: 'b', qty: 0, price: 21, soldOut: true, checkedAt: new Date('2024-06-01T12:00:00Z') },
      { sku: 'c', qty: 0, price: 31, soldOut: true, checkedAt: new Date('2024-06-01T12:00:00Z') },
    ]);
  });

  it('runs an update pipeline', async () => {
    const result = await mongo.run(
      'documents.updateMany',
      { collection: 'stock', filter: { sku: 'a' }, update: [{ $set: { value: { $multiply: ['$qty', '$price'] } } }] },
      { auth },
    );
    expect(result.output).toMatchObject({ matchedCount: 1, modifiedCount: 1 });
    expect(await collection('stock').findOne({ sku: 'a' })).toMatchObject({ value: 10 });
  });

  it('upserts a document built from the filter and returns the _id it got', async () => {
    const result = await mongo.run(
      'documents.updateMany',
      { collection: 'stock', filter: { sku: 'z' }, update: { $set: { qty: 5 } }, upsert: true },
      { auth },
    );
    expect(result).toMatchObject({
      status: 'completed',
      output: { matchedCount: 0, modifiedCount: 0, upsertedCount: 1 },
    });
    const { upsertedId } = outputOf<{ upsertedId: { $oid: string } }>(result);
    expect(await collection('stock').findOne({ _id: new ObjectId(upsertedId.$oid) })).toMatchObject({
      sku: 'z',
      qty: 5,
    });
  });

  it('reports a replacement document (no operators) as invalid input and changes nothing', async () => {
    const result = await mongo.run(
      'documents.updateMany',
      { collection: 'stock', filter: { sku: 'a' }, update: { qty: 3 } },
      { auth },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(await collection('stock').findOne({ sku: 'a' })).toMatchObject({ qty: 1 });
  });
});

describe('deleting', () => {
  it('deletes what the filter matches', async () => {
    await collection('temp').insertMany([{ t: 1 }, { t: 2 }, { t: 3 }]);
    const result = await mongo.run(
      'documents.deleteMany',
      { collection: 'temp', filter: { t: { $gte: 2 } } },
      { auth },
    );
    expect(result).toMatchObject({ status: 'completed', output: { deletedCount: 2 } });
    expect(
      await collection('temp')
        .find({}, { projection: { _id: 0 } })
        .toArray(),
    ).toEqual([{ t: 1 }]);
  });

  it('refuses an empty filter unless allDocuments confirms it', async () => {
    await collection('temp2').insertMany([{ t: 1 }, { t: 2 }]);
    const refused = await mongo.run('documents.deleteMany', { collection: 'temp2', filter: {} }, { auth });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(refused.error?.hint).toContain('allDocuments');
    expect(await collection('temp2').countDocuments()).toBe(2);
    const all = await mongo.run(
      'documents.deleteMany',
      { collection: 'temp2', filter: {}, allDocuments: true },
      { auth },
    );
    expect(all.output).toEqual({ deletedCount: 2 });
    expect(await collection('temp2').countDocuments()).toBe(0);
  });
});

describe('aggregating', () => {
  const pipeline = [
    { $match: { status: 'paid' } },
    { $group: { _id: '$customer', total: { $sum: '$total' }, orders: { $sum: 1 } } },
    { $sort: { total: -1 } },
    { $project: { _id: 0, customer: '$_id', total: 1, orders: 1 } },
  ];

  beforeAll(async () => {
    await collection('sales').insertMany([
      { customer: 'acme', total: 100, status: 'paid' },
      { customer: 'acme', total: 50, status: 'paid' },
      { customer: 'globex', total: 80, status: 'paid' },
      { customer: 'initech', total: 10, status: 'paid' },
      { customer: 'globex', total: 999, status: 'open' },
    ]);
  });

  it('returns what the server computes for the pipeline', async () => {
    const result = await mongo.run('documents.aggregate', { collection: 'sales', pipeline }, { auth });
    const held = await collection('sales').aggregate(pipeline).toArray();
    expect(held).toEqual([
      { customer: 'acme', total: 150, orders: 2 },
      { customer: 'globex', total: 80, orders: 1 },
      { customer: 'initech', total: 10, orders: 1 },
    ]);
    expect(result).toMatchObject({ status: 'completed', output: { documents: held, count: 3, truncated: false } });
  });

  it('stops at maxResults and says it truncated', async () => {
    const result = await mongo.run('documents.aggregate', { collection: 'sales', pipeline, maxResults: 2 }, { auth });
    expect(result).toMatchObject({
      status: 'completed',
      output: { count: 2, truncated: true, documents: [{ customer: 'acme' }, { customer: 'globex' }] },
    });
  });

  it('reports an unknown stage as invalid input', async () => {
    const result = await mongo.run('documents.aggregate', { collection: 'sales', pipeline: [{ $nope: {} }] }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('connection', () => {
  it('takes the database from the connection string when neither input nor connection names one', async () => {
    const uri = withDatabasePath(target.uri, database);
    const result = await mongo.run(
      'documents.insertOne',
      { collection: 'where', document: { from: 'path' } },
      { auth: { uri } },
    );
    expect(result.status).toBe('completed');
    expect(
      await collection('where')
        .find({}, { projection: { _id: 0 } })
        .toArray(),
    ).toEqual([{ from: 'path' }]);
    const none = await mongo.run(
      'documents.find',
      { collection: 'where', filter: {} },
      { auth: { uri: withDatabasePath(target.uri, '') } },
    );
    expect(none).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('reports refused credentials as auth (18)', async () => {
    const result = await mongo.run(
      'documents.find',
      { collection: 'people', filter: {} },
      { auth: { uri: withCredentials(target.uri, 'mova-nobody', 'wrong'), database } },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 18 } });
  });

  it('reports an unreachable server as transient, within the timeout the connection string sets', async () => {
    const uri = `mongodb://127.0.0.1:${await freePort()}/?directConnection=true&serverSelectionTimeoutMS=300`;
    const started = Date.now();
    const result = await mongo.run('documents.find', { collection: 'c', filter: {} }, { auth: { uri, database } });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
    expect(result.error?.message).toContain('ECONNREFUSED');
    // Sooner than the driver's default 30 s server selection: the connection string's 300 ms was kept.
    // No tighter bound, which a loaded machine could stretch.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);
});

/** The output of a call that must have completed, typed for reading the ids the server chose. */
function outputOf<T>(result: ConformanceResult): T {
  expect(result.status).toBe('completed');
  return result.output as T;
}
