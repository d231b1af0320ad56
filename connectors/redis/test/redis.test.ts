import { randomUUID } from 'node:crypto';
import { ensureService, localServices, runAction, testConnection, ValidationError } from '@mova/sdk';
import { connectorErrorOf, freePort } from '@mova/sdk/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';

// Real Redis on 127.0.0.1:6379; every key lives under a prefix unique to this run and is removed afterwards.
const prefix = `mova-test:${randomUUID()}:`;
const k = (name: string) => `${prefix}${name}`;
const auth = { host: '127.0.0.1', port: 6379 };
const run = (key: string, input: unknown, options: { auth?: unknown; signal?: AbortSignal } = {}) =>
  runAction(connector, key, input, { auth, ...options });

let direct: Redis;

beforeAll(async () => {
  await ensureService(localServices.redis);
  direct = new Redis({ host: '127.0.0.1', port: 6379 });
});

afterAll(async () => {
  for (const db of [0, 5]) {
    await direct.select(db);
    const keys = await direct.keys(`${prefix}*`);
    if (keys.length > 0) await direct.del(...keys);
  }
  await direct.quit();
});

describe('connection', () => {
  it('accepts a working host/port and a working URL', async () => {
    await expect(testConnection(connector, auth)).resolves.toBeUndefined();
    await expect(testConnection(connector, { url: 'redis://127.0.0.1:6379/0' })).resolves.toBeUndefined();
  });

  it('reports a refused password as an auth error', async () => {
    const error = await connectorErrorOf(
      testConnection(connector, { ...auth, username: 'mova-nobody', password: 'wrong' }),
    );
    expect(error.kind).toBe('auth');
    expect(error.vendorMessage).toMatch(/^WRONGPASS/);
  });

  it('reports a closed port as a transient error', async () => {
    const error = await connectorErrorOf(
      run('get', { key: k('x') }, { auth: { host: '127.0.0.1', port: await freePort() } }),
    );
    expect(error.kind).toBe('transient');
    expect(error.vendorMessage).toContain('ECONNREFUSED');
    expect(error.actionKey).toBe('get');
  });

  it('asks for a URL or host when the connection has neither', async () => {
    await expect(run('get', { key: k('x') }, { auth: { port: 6379 } })).rejects.toMatchObject({
      kind: 'invalid_input',
      hint: expect.stringContaining('`url`'),
    });
  });

  it('selects the database named in the URL', async () => {
    await run('set', { key: k('in-db-5'), value: 'five' }, { auth: { url: 'redis://127.0.0.1:6379/5' } });
    await direct.select(5);
    expect(await direct.get(k('in-db-5'))).toBe('five');
    await direct.select(0);
    expect(await direct.get(k('in-db-5'))).toBeNull();
  });
});

describe('strings', () => {
  it('sets and gets a value, and reports a missing key as null', async () => {
    await expect(run('set', { key: k('s1'), value: 'héllo' })).resolves.toEqual({ key: k('s1'), set: true });
    await expect(run('get', { key: k('s1') })).resolves.toEqual({ key: k('s1'), exists: true, value: 'héllo' });
    await expect(run('get', { key: k('missing') })).resolves.toEqual({ key: k('missing'), exists: false, value: null });
  });

  it('applies a TTL in seconds or milliseconds', async () => {
    await run('set', { key: k('ttl-s'), value: 'a', ttlSeconds: 100 });
    await run('set', { key: k('ttl-ms'), value: 'b', ttlMilliseconds: 50_000 });
    const seconds = await direct.ttl(k('ttl-s'));
    const millis = await direct.pttl(k('ttl-ms'));
    expect(seconds).toBeGreaterThan(90);
    expect(seconds).toBeLessThanOrEqual(100);
    expect(millis).toBeGreaterThan(40_000);
    expect(millis).toBeLessThanOrEqual(50_000);
  });

  it('refuses both TTL fields at once', async () => {
    await expect(run('set', { key: k('x'), value: 'a', ttlSeconds: 1, ttlMilliseconds: 1 })).rejects.toMatchObject({
      kind: 'invalid_input',
      actionKey: 'set',
    });
  });

  it('says whether NX and XX stored the value', async () => {
    const key = k('nx');
    await expect(run('set', { key, value: '1', condition: 'ifExists' })).resolves.toEqual({ key, set: false });
    await expect(run('set', { key, value: '1', condition: 'ifNotExists' })).resolves.toEqual({ key, set: true });
    await expect(run('set', { key, value: '2', condition: 'ifNotExists' })).resolves.toEqual({ key, set: false });
    await expect(run('set', { key, value: '3', condition: 'ifExists' })).resolves.toEqual({ key, set: true });
    expect(await direct.get(key)).toBe('3');
  });

  it('deletes keys and counts only those that existed', async () => {
    await direct.set(k('d1'), 'x');
    await direct.hset(k('d2'), 'f', 'v');
    await expect(run('delete', { keys: [k('d1'), k('d2'), k('d3')] })).resolves.toEqual({ deleted: 2 });
    expect(await direct.exists(k('d1'), k('d2'))).toBe(0);
  });

  it('sets and removes an expiry', async () => {
    const key = k('exp');
    await direct.set(key, 'x');
    await expect(run('expire', { key, seconds: 500 })).resolves.toEqual({ key, applied: true });
    expect(await direct.ttl(key)).toBeGreaterThan(400);
    await expect(run('expire', { key, seconds: null })).resolves.toEqual({ key, applied: true });
    expect(await direct.ttl(key)).toBe(-1);
    await expect(run('expire', { key: k('nothing'), seconds: 5 })).resolves.toEqual({
      key: k('nothing'),
      applied: false,
    });
  });

  it('increments a counter and rejects a non-numeric value as invalid input', async () => {
    const key = k('counter');
    await expect(run('incr', { key })).resolves.toEqual({ key, value: 1 });
    await expect(run('incr', { key, by: 41 })).resolves.toEqual({ key, value: 42 });
    await expect(run('incr', { key, by: -50 })).resolves.toEqual({ key, value: -8 });
    await direct.set(k('text'), 'abc');
    const error = await connectorErrorOf(run('incr', { key: k('text') }));
    expect(error).toMatchObject({ kind: 'invalid_input', actionKey: 'incr' });
    expect(error.vendorMessage).toMatch(/not an integer/);
  });
});

describe('hashes', () => {
  it('sets fields, reads one and reads them all', async () => {
    const key = k('user');
    await expect(run('hash.set', { key, fields: { name: 'Ada', email: 'ada@example.com' } })).resolves.toEqual({
      key,
      added: 2,
    });
    await expect(run('hash.set', { key, fields: { name: 'Ada L.', role: 'admin' } })).resolves.toEqual({
      key,
      added: 1,
    });
    await expect(run('hash.get', { key, field: 'name' })).resolves.toEqual({
      key,
      field: 'name',
      exists: true,
      value: 'Ada L.',
    });
    await expect(run('hash.get', { key, field: 'nope' })).resolves.toMatchObject({ exists: false, value: null });
    await expect(run('hash.getAll', { key })).resolves.toEqual({
      key,
      fields: { name: 'Ada L.', email: 'ada@example.com', role: 'admin' },
      count: 3,
    });
    await expect(run('hash.getAll', { key: k('no-hash') })).resolves.toEqual({
      key: k('no-hash'),
      fields: {},
      count: 0,
    });
  });

  it('reports WRONGTYPE as invalid input', async () => {
    await direct.set(k('plain'), 'x');
    const error = await connectorErrorOf(run('hash.get', { key: k('plain'), field: 'f' }));
    expect(error.kind).toBe('invalid_input');
    expect(error.vendorMessage).toMatch(/^WRONGTYPE/);
  });

  it('refuses an empty field set before calling Redis', async () => {
    await expect(run('hash.set', { key: k('user'), fields: {} })).rejects.toBeInstanceOf(ValidationError);
  });
});

describe('lists', () => {
  it('pushes at either end and pops several values', async () => {
    const key = k('list');
    await expect(run('list.push', { key, values: ['b', 'c'] })).resolves.toEqual({ key, length: 2 });
    await expect(run('list.push', { key, values: ['a'], end: 'left' })).resolves.toEqual({ key, length: 3 });
    expect(await direct.lrange(key, 0, -1)).toEqual(['a', 'b', 'c']);
    await expect(run('list.pop', { key, end: 'right' })).resolves.toEqual({ key, values: ['c'], empty: false });
    await expect(run('list.pop', { key, count: 5 })).resolves.toEqual({ key, values: ['a', 'b'], empty: false });
    await expect(run('list.pop', { key })).resolves.toEqual({ key, values: [], empty: true });
  });

  it('pushes with onlyIfExists only onto an existing list', async () => {
    const key = k('px');
    await expect(run('list.push', { key, values: ['x'], onlyIfExists: true })).resolves.toEqual({ key, length: 0 });
    expect(await direct.exists(key)).toBe(0);
    await direct.rpush(key, 'first');
    await expect(run('list.push', { key, values: ['x'], onlyIfExists: true, end: 'left' })).resolves.toEqual({
      key,
      length: 2,
    });
  });

  it('waits for a value with a blocking pop', async () => {
    const key = k('queue');
    setTimeout(() => void direct.rpush(key, 'late'), 300);
    const started = Date.now();
    await expect(run('list.pop', { key, waitSeconds: 5 })).resolves.toEqual({ key, values: ['late'], empty: false });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('returns empty when a blocking pop runs out of time', async () => {
    const started = Date.now();
    await expect(run('list.pop', { key: k('idle'), end: 'right', waitSeconds: 0.3 })).resolves.toEqual({
      key: k('idle'),
      values: [],
      empty: true,
    });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('caps the wait and refuses count with a blocking pop', async () => {
    await expect(run('list.pop', { key: k('q'), waitSeconds: 31 })).rejects.toSatisfy(
      (error) => error instanceof ValidationError && error.issues[0]?.pointer === '/input/waitSeconds',
    );
    await expect(run('list.pop', { key: k('q'), waitSeconds: 1, count: 2 })).rejects.toMatchObject({
      kind: 'invalid_input',
    });
  });

  it('stops a blocking pop when the step is cancelled', async () => {
    const controller = new AbortController();
    setTimeout(() => controller.abort(), 200);
    const started = Date.now();
    const error = await connectorErrorOf(
      run('list.pop', { key: k('never'), waitSeconds: 10 }, { signal: controller.signal }),
    );
    expect(error.kind).toBe('transient');
    // Sooner than the pop's own 10 s wait: stopped, not waited out. No tighter bound, which a loaded
    // machine could stretch.
    expect(Date.now() - started).toBeLessThan(10_000);
  }, 30_000);
});

describe('pub/sub', () => {
  it('publishes to a channel a second client is subscribed to', async () => {
    const channel = k('events');
    const subscriber = new Redis({ host: '127.0.0.1', port: 6379 });
    try {
      const received = new Promise<[string, string]>((resolve) => {
        subscriber.on('message', (ch: string, message: string) => resolve([ch, message]));
      });
      await subscriber.subscribe(channel);
      await expect(run('publish', { channel, message: '{"id":7}' })).resolves.toEqual({ channel, receivers: 1 });
      await expect(received).resolves.toEqual([channel, '{"id":7}']);
    } finally {
      await subscriber.quit();
    }
    await expect(run('publish', { channel, message: 'nobody listens' })).resolves.toEqual({ channel, receivers: 0 });
  });
});
