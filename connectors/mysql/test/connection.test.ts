import { ensureService, localServices, runAction, testConnection } from '@mova/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

beforeAll(async () => {
  await ensureService(localServices.mariadb);
});

describe('testConnection', () => {
  // The local server checks passwords: root has an empty one, so any other is refused.
  it('reports a wrong password as auth', async () => {
    await expect(testConnection(connector, { ...connection, password: 'wrong' })).rejects.toMatchObject({
      kind: 'auth',
      errorCode: 'ER_ACCESS_DENIED_ERROR',
      errno: 1045,
      hint: expect.stringContaining('Check the connection'),
    });
  });

  it('refuses connection string parameters that set driver options', async () => {
    await expect(
      testConnection(connector, { connectionString: 'mysql://root@127.0.0.1/test?multipleStatements=true' }),
    ).rejects.toMatchObject({ kind: 'invalid_input', message: expect.stringContaining('"multipleStatements"') });
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
        { sql: `SELECT SLEEP(10), '${marker}'` },
        { auth: connection, signal: controller.signal },
      ),
    ).rejects.toThrow('step timed out');
    expect(Date.now() - started).toBeLessThan(2000);
    // The server no longer runs it: killed, not merely abandoned by the client.
    await expect.poll(async () => (await running(marker)).length, { timeout: 2000 }).toBe(0);
  });
});

const running = (marker: string) =>
  admin("SELECT ID FROM information_schema.PROCESSLIST WHERE INFO LIKE CONCAT('%', ?, '%') AND ID <> CONNECTION_ID()", [
    marker,
  ]);
