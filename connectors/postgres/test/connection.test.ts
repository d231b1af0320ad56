import { ensureService, localServices, runAction, testConnection } from '@mova/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

beforeAll(async () => {
  await ensureService(localServices.postgres);
});

describe('testConnection', () => {
  // The local server trusts 127.0.0.1, so a wrong password is accepted; an unknown role is refused
  // during authentication all the same (SQLSTATE 28000), which is the auth path under test.
  it('reports an unknown role as auth', async () => {
    await expect(testConnection(connector, { ...connection, user: uniqueName('nobody') })).rejects.toMatchObject({
      kind: 'auth',
      sqlState: '28000',
      hint: expect.stringContaining('Check the connection'),
    });
  });

  it('refuses connection string parameters that read files from the worker', async () => {
    await expect(
      testConnection(connector, { connectionString: 'postgres://postgres@127.0.0.1/test?sslcert=/etc/hostname' }),
    ).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringContaining('"sslcert" is not supported') });
  });
});

describe('cancellation', () => {
  it('rejects with the abort reason at once and stops the statement on the server', async () => {
    const marker = uniqueName('mova_cancel');
    const controller = new AbortController();
    const started = Date.now();
    setTimeout(() => controller.abort(new Error('step timed out')), 300);
    await expect(
      runAction(
        connector,
        'query',
        { sql: `SELECT pg_sleep(10), '${marker}'` },
        { auth: connection, signal: controller.signal },
      ),
    ).rejects.toThrow('step timed out');
    expect(Date.now() - started).toBeLessThan(2000);
    // The server no longer runs it: cancelled, not merely abandoned by the client.
    await expect.poll(async () => (await running(marker)).length, { timeout: 2000 }).toBe(0);
  });
});

const running = async (marker: string) =>
  (
    await admin("SELECT pid FROM pg_stat_activity WHERE query LIKE '%' || $1 || '%' AND pid <> pg_backend_pid()", [
      marker,
    ])
  ).rows;
