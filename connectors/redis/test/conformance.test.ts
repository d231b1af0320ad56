import { randomUUID } from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { ensureService, localServices } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in, against the machine's real Redis.
const prefix = `mova-conformance:${randomUUID()}:`;
const k = (name: string) => `${prefix}${name}`;
const auth = { host: '127.0.0.1', port: 6379 };

let redis: ConnectorUnderTest;

beforeAll(async () => {
  await ensureService(localServices.redis);
  redis = await loadConnector({ dir: new URL('..', import.meta.url) });
});
afterAll(async () => {
  await redis.run('delete', { keys: ['set', 'incr', 'hash', 'list'].map(k) }, { auth });
  await redis.close();
});

describe('redis through the sandbox', () => {
  it('sets, reads, counts, expires and deletes keys', async () => {
    await expect(redis.run('set', { key: k('set'), value: 'v' }, { auth })).resolves.toMatchObject({
      status: 'completed',
      output: { key: k('set'), set: true },
      isolation: 'worker',
    });
    expect((await redis.run('get', { key: k('set') }, { auth })).output).toEqual({
      key: k('set'),
      exists: true,
      value: 'v',
    });
    expect((await redis.run('incr', { key: k('incr'), by: 2 }, { auth })).output).toEqual({ key: k('incr'), value: 2 });
  });
});
