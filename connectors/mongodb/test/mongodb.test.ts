import { randomUUID } from 'node:crypto';
import { runAction, testConnection, ValidationError } from '@mova/sdk';
import { connectorErrorOf, freePort } from '@mova/sdk/testing';
import { MongoClient, ObjectId } from 'mongodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { type MongoTarget, mongoTarget, withCredentials, withDatabasePath } from './mongo-target.js';

// Runs against a real MongoDB when MOVA_TEST_MONGODB_URL is set, and otherwise against the
// in-process wire-protocol test double in test/wire (see the README for what it covers).
let target: MongoTarget;
let direct: MongoClient;
const database = `mova_test_${randomUUID().slice(0, 8)}`;
let auth: { uri: string; database: string };
const run = (key: string, input: unknown, options: { auth?: unknown } = {}) =>
  runAction(connector, key, input, { auth, ...options });

beforeAll(async () => {
  target = await mongoTarget();
  auth = { uri: target.uri, database };
  direct = new MongoClient(target.uri, { serverSelectionTimeoutMS: 5000 });
  await direct.connect();
});

afterAll(async () => {
  await direct?.db(database).dropDatabase();
  await direct?.close();
  await target?.close();
});

describe('connection', () => {
  it('pings the server', async () => {
    await expect(testConnection(connector, auth)).resolves.toBeUndefined();
  });

  it('reports refused credentials as auth', async () => {
    const error = await connectorErrorOf(
      testConnection(connector, { uri: withCredentials(target.uri, 'mova-nobody', 'wrong'), database }),
    );
    expect(error).toMatchObject({ kind: 'auth', status: 18 });
  });

  it('reports an unreachable server as transient, honouring timeouts in the connection string', async () => {
    const uri = `mongodb://127.0.0.1:${await freePort()}/?directConnection=true&serverSelectionTimeoutMS=300`;
    const started = Date.now();
    const error = await connectorErrorOf(
      run('documents.find', { collection: 'c', filter: {} }, { auth: { uri, database } }),
    );
    expect(error.kind).toBe('transient');
    expect(error.vendorMessage).toContain('ECONNREFUSED');
    // Sooner than the driver's default 30 s server selection: the connection string's 300 ms was kept.
    // No tighter bound, which a loaded machine could stretch.
    expect(Date.now() - started).toBeLessThan(30_000);
  }, 60_000);

  it('takes the database from the input, the connection or the connection string, and asks when none names one', async () => {
    await run('documents.insertOne', { database, collection: 'where', document: { from: 'input' } });
    const inPath = withDatabasePath(target.uri, database);
    await run('documents.insertOne', { collection: 'where', document: { from: 'path' } }, { auth: { uri: inPath } });
    const found = await direct
      .db(database)
      .collection('where')
      .find({}, { projection: { _id: 0 } })
      .toArray();
    expect(found).toEqual([{ from: 'input' }, { from: 'path' }]);
    await expect(
      run('documents.find', { collection: 'where', filter: {} }, { auth: { uri: withDatabasePath(target.uri, '') } }),
    ).rejects.toMatchObject({ kind: 'invalid_input', hint: expect.stringContaining('database') });
  });
});

describe('documents.insertOne and documents.insertMany', () => {
  it('inserts Extended JSON and returns the _id as relaxed Extended JSON', async () => {
    const id = new ObjectId().toHexString();
    await expect(
      run('documents.insertOne', {
        collection: 'people',
        document: { _id: { $oid: id }, name: 'Ada', born: { $date: '1815-12-10T00:00:00Z' } },
      }),
    ).resolves.toEqual({ insertedId: { $oid: id } });
    const stored = await direct
      .db(database)
      .collection('people')
      .findOne({ _id: new ObjectId(id) });
    expect(stored?.born).toEqual(new Date('1815-12-10T00:00:00Z'));
    const generated = await run('documents.insertOne', { collection: 'people', document: { name: 'Grace' } });
    expect(generated).toEqual({ insertedId: { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) } });
  });

  it('reports a duplicate _id as conflict (E11000)', async () => {
    await run('documents.insertOne', { collection: 'dup', document: { _id: 'same' } });
    const error = await connectorErrorOf(run('documents.insertOne', { collection: 'dup', document: { _id: 'same' } }));
    expect(error).toMatchObject({ kind: 'conflict', status: 11000, actionKey: 'documents.insertOne' });
    expect(error.vendorMessage).toContain('E11000');
  });

  it('inserts many documents and returns their ids in order', async () => {
    const result = await run('documents.insertMany', {
      collection: 'batch',
      documents: [{ _id: 1, n: 'one' }, { _id: 2, n: 'two' }, { n: 'three' }],
    });
    expect(result).toEqual({
      insertedCount: 3,
      insertedIds: [1, 2, { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) }],
    });
    const error = await connectorErrorOf(
      run('documents.insertMany', { collection: 'batch', documents: [{ _id: 3 }, { _id: 1 }, { _id: 4 }] }),
    );
    expect(error).toMatchObject({ kind: 'conflict', status: 11000 });
    // Ordered: the document after the duplicate was not inserted.
    const batch = direct.db(database).collection<{ _id: number }>('batch');
    expect(await batch.countDocuments({ _id: { $in: [3, 4] } })).toBe(1);
  });

  it('refuses malformed Extended JSON before connecting', async () => {
    const error = await connectorErrorOf(
      run('documents.insertOne', { collection: 'people', document: { _id: { $oid: 'not-an-id' } } }),
    );
    expect(error.kind).toBe('invalid_input');
    expect(error.message).toContain('document is not valid Extended JSON');
  });
});

describe('documents.find', () => {
  beforeAll(async () => {
    await direct
      .db(database)
      .collection('orders')
      .insertMany(
        Array.from({ length: 150 }, (_, i) => ({
          n: i,
          status: i % 3 === 0 ? 'paid' : 'open',
          at: new Date(Date.UTC(2024, 0, 1) + i * 86_400_000),
        })),
      );
  });

  it('filters with Extended JSON dates, sorts, projects and says whether more match', async () => {
    const result = await run('documents.find', {
      collection: 'orders',
      filter: { at: { $gte: { $date: '2024-05-01T00:00:00Z' } }, status: 'paid' },
      projection: { _id: 0, n: 1, at: 1 },
      sort: { n: -1 },
      limit: 3,
    });
    expect(result).toEqual({
      documents: [
        { n: 147, at: { $date: '2024-05-27T00:00:00Z' } },
        { n: 144, at: { $date: '2024-05-24T00:00:00Z' } },
        { n: 141, at: { $date: '2024-05-21T00:00:00Z' } },
      ],
      count: 3,
      more: true,
    });
  });

  it('pages past the first cursor batch with skip and limit', async () => {
    const first = await run('documents.find', { collection: 'orders', filter: {}, sort: { n: 1 }, limit: 120 });
    expect(first).toMatchObject({ count: 120, more: true });
    const rest = await run('documents.find', {
      collection: 'orders',
      filter: {},
      sort: { n: 1 },
      skip: 120,
      limit: 100,
    });
    expect(rest).toMatchObject({
      count: 30,
      more: false,
      documents: expect.arrayContaining([expect.objectContaining({ n: 149 })]),
    });
  });

  it('finds by ObjectId written as {"$oid": …}', async () => {
    const { insertedId } = await direct.db(database).collection('orders').insertOne({ n: 1000 });
    await expect(
      run('documents.find', { collection: 'orders', filter: { _id: { $oid: insertedId.toHexString() } } }),
    ).resolves.toEqual({ documents: [{ _id: { $oid: insertedId.toHexString() }, n: 1000 }], count: 1, more: false });
  });

  it('reports an unknown query operator as invalid input', async () => {
    const error = await connectorErrorOf(run('documents.find', { collection: 'orders', filter: { n: { $bogus: 1 } } }));
    expect(error).toMatchObject({ kind: 'invalid_input', actionKey: 'documents.find' });
    expect(error.vendorMessage).toContain('$bogus');
  });

  it('caps the limit in the schema', async () => {
    await expect(run('documents.find', { collection: 'orders', filter: {}, limit: 5000 })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });
});

describe('documents.updateMany', () => {
  beforeAll(async () => {
    await direct
      .db(database)
      .collection('stock')
      .insertMany([
        { sku: 'a', qty: 1, price: 10 },
        { sku: 'b', qty: 0, price: 20 },
        { sku: 'c', qty: 0, price: 30 },
      ]);
  });

  it('applies operators to every match and counts real changes', async () => {
    await expect(
      run('documents.updateMany', {
        collection: 'stock',
        filter: { qty: 0 },
        update: { $set: { soldOut: true }, $inc: { price: 1 } },
      }),
    ).resolves.toEqual({ matchedCount: 2, modifiedCount: 2, upsertedCount: 0, upsertedId: null });
    await expect(
      run('documents.updateMany', { collection: 'stock', filter: { qty: 0 }, update: { $set: { soldOut: true } } }),
    ).resolves.toMatchObject({ matchedCount: 2, modifiedCount: 0 });
    const rows = await direct
      .db(database)
      .collection('stock')
      .find({}, { sort: { sku: 1 } })
      .toArray();
    expect(rows.map((r) => [r.sku, r.price, r.soldOut])).toEqual([
      ['a', 10, undefined],
      ['b', 21, true],
      ['c', 31, true],
    ]);
  });

  it('runs an update pipeline', async () => {
    await run('documents.updateMany', {
      collection: 'stock',
      filter: { sku: 'a' },
      update: [{ $set: { value: { $multiply: ['$qty', '$price'] } } }],
    });
    expect(await direct.db(database).collection('stock').findOne({ sku: 'a' })).toMatchObject({ value: 10 });
  });

  it('upserts a document built from the filter when nothing matches', async () => {
    const result = await run('documents.updateMany', {
      collection: 'stock',
      filter: { sku: 'z' },
      update: { $set: { qty: 5 } },
      upsert: true,
    });
    expect(result).toEqual({
      matchedCount: 0,
      modifiedCount: 0,
      upsertedCount: 1,
      upsertedId: { $oid: expect.stringMatching(/^[0-9a-f]{24}$/) },
    });
    expect(
      await direct
        .db(database)
        .collection('stock')
        .findOne({ sku: 'z' }, { projection: { _id: 0 } }),
    ).toEqual({
      sku: 'z',
      qty: 5,
    });
  });

  it('rejects a replacement document (no operators) as invalid input', async () => {
    await expect(
      run('documents.updateMany', { collection: 'stock', filter: { sku: 'a' }, update: { qty: 3 } }),
    ).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});

describe('documents.deleteMany', () => {
  it('deletes what the filter matches', async () => {
    await direct
      .db(database)
      .collection('temp')
      .insertMany([{ t: 1 }, { t: 2 }, { t: 3 }]);
    await expect(run('documents.deleteMany', { collection: 'temp', filter: { t: { $gte: 2 } } })).resolves.toEqual({
      deletedCount: 2,
    });
    expect(await direct.db(database).collection('temp').countDocuments()).toBe(1);
  });

  it('refuses an empty filter unless allDocuments confirms it', async () => {
    await direct
      .db(database)
      .collection('temp2')
      .insertMany([{ t: 1 }, { t: 2 }]);
    const error = await connectorErrorOf(run('documents.deleteMany', { collection: 'temp2', filter: {} }));
    expect(error).toMatchObject({ kind: 'invalid_input', hint: expect.stringContaining('allDocuments') });
    expect(await direct.db(database).collection('temp2').countDocuments()).toBe(2);
    await expect(run('documents.deleteMany', { collection: 'temp2', filter: {}, allDocuments: true })).resolves.toEqual(
      { deletedCount: 2 },
    );
  });
});

describe('documents.aggregate', () => {
  beforeAll(async () => {
    await direct
      .db(database)
      .collection('sales')
      .insertMany([
        { customer: 'acme', total: 100, status: 'paid' },
        { customer: 'acme', total: 50, status: 'paid' },
        { customer: 'globex', total: 80, status: 'paid' },
        { customer: 'initech', total: 10, status: 'paid' },
        { customer: 'globex', total: 999, status: 'open' },
      ]);
  });

  const pipeline = [
    { $match: { status: 'paid' } },
    { $group: { _id: '$customer', total: { $sum: '$total' }, orders: { $sum: 1 } } },
    { $sort: { total: -1 } },
    { $project: { _id: 0, customer: '$_id', total: 1, orders: 1 } },
  ];

  it('runs $match, $group, $sort and $project', async () => {
    await expect(run('documents.aggregate', { collection: 'sales', pipeline })).resolves.toEqual({
      documents: [
        { customer: 'acme', total: 150, orders: 2 },
        { customer: 'globex', total: 80, orders: 1 },
        { customer: 'initech', total: 10, orders: 1 },
      ],
      count: 3,
      truncated: false,
    });
  });

  it('stops at maxResults and says the result was truncated', async () => {
    await expect(
      run('documents.aggregate', { collection: 'sales', pipeline: [...pipeline, { $limit: 10 }], maxResults: 2 }),
    ).resolves.toMatchObject({ count: 2, truncated: true, documents: [{ customer: 'acme' }, { customer: 'globex' }] });
  });

  it('reports an unknown stage as invalid input', async () => {
    await expect(run('documents.aggregate', { collection: 'sales', pipeline: [{ $nope: {} }] })).rejects.toMatchObject({
      kind: 'invalid_input',
    });
  });
});
