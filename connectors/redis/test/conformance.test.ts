import { randomUUID } from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ensureService, localServices } from '@mova/sdk';
import { freePort } from '@mova/sdk/testing';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in (worker thread, egress limited to the host the
// connection names), against the machine's real Redis on 127.0.0.1:6379. Outputs are checked
// against what a second, direct client reads back from Redis.
const prefix = `mova-conformance:${randomUUID()}:`;
const k = (name: string) => `${prefix}${name}`;
const auth = { host: '127.0.0.1', port: 6379 };

let redis: ConnectorUnderTest;
let direct: Redis;

beforeAll(async () => {
  await ensureService(localServices.redis);
  redis = await loadConnector({ dir: new URL('..', import.meta.url) });
  direct = new Redis(auth);
});

afterAll(async () => {
  const keys = await direct.keys(`${prefix}*`);
  if (keys.length > 0) await direct.del(...keys);
  await direct.quit();
  await redis.close();
});

describe('strings and keys', () => {
  it('sets a value with a TTL and a condition, and reads it back', async () => {
    const key = k('set');
    await expect(
      redis.run('set', { key, value: 'héllo', ttlMilliseconds: 60_000, condition: 'ifNotExists' }, { auth }),
    ).resolves.toMatchObject({ status: 'completed', output: { key, set: true }, isolation: 'worker' });
    expect(await direct.get(key)).toBe('héllo');
    expect(await direct.pttl(key)).toBeGreaterThan(50_000);

    const refused = await redis.run('set', { key, value: 'other', condition: 'ifNotExists' }, { auth });
    expect(refused).toMatchObject({ status: 'completed', output: { key, set: false } });
    expect(await direct.get(key)).toBe('héllo');

    expect(await redis.run('get', { key }, { auth })).toMatchObject({
      status: 'completed',
      output: { key, exists: true, value: 'héllo' },
    });
    expect(await redis.run('get', { key: k('missing') }, { auth })).toMatchObject({
      status: 'completed',
      output: { key: k('missing'), exists: false, value: null },
    });
  });

  it('sets and removes an expiry', async () => {
    const key = k('expire');
    await direct.set(key, 'x');
    expect(await redis.run('expire', { key, seconds: 500 }, { auth })).toMatchObject({
      status: 'completed',
      output: { key, applied: true },
    });
    const ttl = await direct.ttl(key);
    expect(ttl).toBeGreaterThan(490);
    expect(ttl).toBeLessThanOrEqual(500);

    expect(await redis.run('expire', { key, seconds: null }, { auth })).toMatchObject({
      status: 'completed',
      output: { key, applied: true },
    });
    expect(await direct.ttl(key)).toBe(-1);
    expect((await redis.run('expire', { key: k('absent'), seconds: 5 }, { auth })).output).toEqual({
      key: k('absent'),
      applied: false,
    });
  });

  it('deletes keys of any type and counts only those that existed', async () => {
    await direct.set(k('del-string'), 'x');
    await direct.rpush(k('del-list'), 'x');
    const result = await redis.run('delete', { keys: [k('del-string'), k('del-list'), k('del-none')] }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { deleted: 2 } });
    expect(await direct.exists(k('del-string'), k('del-list'))).toBe(0);
  });
});

describe('counters', () => {
  it('increments and decrements a counter to the value Redis holds', async () => {
    const key = k('counter');
    expect((await redis.run('incr', { key }, { auth })).output).toEqual({ key, value: 1 });
    expect((await redis.run('incr', { key, by: 41 }, { auth })).output).toEqual({ key, value: 42 });
    expect((await redis.run('incr', { key, by: -50 }, { auth })).output).toEqual({ key, value: -8 });
    expect(await direct.get(key)).toBe('-8');
  });

  // Regression: integer replies used to be read as JS numbers, so a counter past 2^53 came back
  // rounded (9007199254740993 read as 9007199254740992).
  it('returns a counter beyond 2^53 exactly, as a string', async () => {
    const key = k('big');
    await direct.set(key, String(Number.MAX_SAFE_INTEGER));
    const result = await redis.run('incr', { key, by: 2 }, { auth });
    expect(result.status).toBe('completed');
    const held = await direct.get(key);
    expect(held).toBe('9007199254740993');
    expect(result.output).toEqual({ key, value: held });

    // Back inside the safe range the counter is a number again.
    const back = await redis.run('incr', { key, by: -10 }, { auth });
    expect(back.output).toEqual({ key, value: 9007199254740983 });

    // A step too large for a JSON number can be given as a string; Redis' 64-bit limit still applies.
    const bigStep = await redis.run('incr', { key: k('big-step'), by: '-9223372036854775807' }, { auth });
    expect(bigStep.output).toEqual({ key: k('big-step'), value: '-9223372036854775807' });
    expect(await direct.get(k('big-step'))).toBe('-9223372036854775807');
    const overflow = await redis.run('incr', { key: k('big-step'), by: '-2' }, { auth });
    expect(overflow).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(overflow.error?.message).toMatch(/overflow/);
  });

  it('reports a counter on text as invalid input', async () => {
    await direct.set(k('text'), 'abc');
    const result = await redis.run('incr', { key: k('text') }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', actionKey: 'incr' } });
    expect(result.error?.message).toMatch(/not an integer/);
    expect(await direct.get(k('text'))).toBe('abc');
  });

  it('refuses a database the server does not have, rather than writing to db 0', async () => {
    const result = await redis.run('set', { key: k('db999'), value: 'x' }, { auth: { ...auth, db: 999 } });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(result.error?.message).toMatch(/no database 999/);
    expect(await direct.exists(k('db999'))).toBe(0);
  });

  it('uses the database the connection names', async () => {
    const key = k('db1');
    const other = new Redis({ ...auth, db: 1 });
    try {
      await expect(redis.run('set', { key, value: 'one' }, { auth: { ...auth, db: 1 } })).resolves.toMatchObject({
        status: 'completed',
      });
      expect(await other.get(key)).toBe('one');
      expect(await direct.exists(key)).toBe(0);
    } finally {
      await other.del(key);
      await other.quit();
    }
  });
});

describe('hashes', () => {
  it('sets fields, reads one and reads them all', async () => {
    const key = k('hash');
    expect(
      (await redis.run('hash.set', { key, fields: { name: 'Ada', email: 'ada@example.com' } }, { auth })).output,
    ).toEqual({ key, added: 2 });
    expect((await redis.run('hash.set', { key, fields: { name: 'Ada L.', role: 'admin' } }, { auth })).output).toEqual({
      key,
      added: 1,
    });
    const held = await direct.hgetall(key);
    expect(held).toEqual({ name: 'Ada L.', email: 'ada@example.com', role: 'admin' });

    expect((await redis.run('hash.get', { key, field: 'name' }, { auth })).output).toEqual({
      key,
      field: 'name',
      exists: true,
      value: held.name,
    });
    expect((await redis.run('hash.get', { key, field: 'nope' }, { auth })).output).toEqual({
      key,
      field: 'nope',
      exists: false,
      value: null,
    });
    expect((await redis.run('hash.getAll', { key }, { auth })).output).toEqual({ key, fields: held, count: 3 });
    expect((await redis.run('hash.getAll', { key: k('no-hash') }, { auth })).output).toEqual({
      key: k('no-hash'),
      fields: {},
      count: 0,
    });
  });

  it('reports WRONGTYPE as invalid input', async () => {
    await direct.set(k('plain'), 'x');
    const result = await redis.run('hash.get', { key: k('plain'), field: 'f' }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', actionKey: 'hash.get' } });
    expect(result.error?.message).toMatch(/WRONGTYPE/);
  });
});

describe('lists', () => {
  it('pushes at either end and pops several values', async () => {
    const key = k('list');
    expect((await redis.run('list.push', { key, values: ['b', 'c'] }, { auth })).output).toEqual({ key, length: 2 });
    expect((await redis.run('list.push', { key, values: ['a'], end: 'left' }, { auth })).output).toEqual({
      key,
      length: 3,
    });
    expect(await direct.lrange(key, 0, -1)).toEqual(['a', 'b', 'c']);
    expect(
      (await redis.run('list.push', { key: k('no-list'), values: ['x'], onlyIfExists: true }, { auth })).output,
    ).toEqual({ key: k('no-list'), length: 0 });
    expect(await direct.exists(k('no-list'))).toBe(0);

    expect((await redis.run('list.pop', { key, end: 'right' }, { auth })).output).toEqual({
      key,
      values: ['c'],
      empty: false,
    });
    expect((await redis.run('list.pop', { key, count: 5 }, { auth })).output).toEqual({
      key,
      values: ['a', 'b'],
      empty: false,
    });
    expect(await direct.exists(key)).toBe(0);
  });

  it('waits with waitSeconds for a value pushed while it blocks', async () => {
    const key = k('queue');
    const pushed = new Promise((resolve) => setTimeout(() => resolve(direct.rpush(key, 'late')), 400));
    const started = Date.now();
    const result = await redis.run('list.pop', { key, waitSeconds: 5 }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { key, values: ['late'], empty: false } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(350);
    await expect(pushed).resolves.toBe(1);
    expect(await direct.exists(key)).toBe(0);
  });

  it('returns empty when the wait runs out', async () => {
    const started = Date.now();
    const result = await redis.run('list.pop', { key: k('idle'), end: 'right', waitSeconds: 0.3 }, { auth });
    expect(result).toMatchObject({ status: 'completed', output: { key: k('idle'), values: [], empty: true } });
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
  });

  it('refuses a wait above 30 s before calling Redis', async () => {
    const result = await redis.run('list.pop', { key: k('q'), waitSeconds: 31 }, { auth });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('pub/sub', () => {
  it('publishes to every subscriber and counts them', async () => {
    const channel = k('events');
    const subscribers = [new Redis(auth), new Redis(auth)];
    try {
      const received = subscribers.map(
        (subscriber) =>
          new Promise<[string, string]>((resolve) => {
            subscriber.on('message', (ch: string, message: string) => resolve([ch, message]));
          }),
      );
      await Promise.all(subscribers.map((subscriber) => subscriber.subscribe(channel)));
      expect(await direct.pubsub('NUMSUB', channel)).toEqual([channel, 2]);

      const result = await redis.run('publish', { channel, message: '{"id":7}' }, { auth });
      expect(result).toMatchObject({ status: 'completed', output: { channel, receivers: 2 } });
      await expect(Promise.all(received)).resolves.toEqual([
        [channel, '{"id":7}'],
        [channel, '{"id":7}'],
      ]);
    } finally {
      await Promise.all(subscribers.map((subscriber) => subscriber.quit()));
    }
    expect((await redis.run('publish', { channel, message: 'nobody listens' }, { auth })).output).toEqual({
      channel,
      receivers: 0,
    });
  });
});

describe('connection failures', () => {
  it('reports a refused password as an auth error', async () => {
    const result = await redis.run(
      'get',
      { key: k('x') },
      { auth: { ...auth, username: 'mova-nobody', password: 'wrong' } },
    );
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(result.error?.message).toMatch(/WRONGPASS/);
  });

  it('reports a closed port as a transient error', async () => {
    const result = await redis.run('get', { key: k('x') }, { auth: { host: '127.0.0.1', port: await freePort() } });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
    expect(result.error?.message).toMatch(/ECONNREFUSED/);
  });

  it('connects through a redis:// URL and selects the database it names', async () => {
    const key = k('in-db-5');
    const result = await redis.run('set', { key, value: 'five' }, { auth: { url: 'redis://127.0.0.1:6379/5' } });
    expect(result).toMatchObject({ status: 'completed', output: { key, set: true } });
    const db5 = new Redis({ ...auth, db: 5 });
    try {
      expect(await db5.get(key)).toBe('five');
      await db5.del(key);
    } finally {
      await db5.quit();
    }
    expect(await direct.exists(key)).toBe(0);
  });
});
