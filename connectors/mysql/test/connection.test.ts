import { ensureService, localServices, runAction, testConnection, ValidationError } from '@mova/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { admin, connection, uniqueName } from './helpers.js';

beforeAll(async () => {
  await ensureService(localServices.mariadb);
});

describe('testConnection', () => {
  it('accepts a working connection given as fields or as a connection string', async () => {
    await expect(testConnection(connector, connection)).resolves.toBeUndefined();
    await expect(
      testConnection(connector, { connectionString: 'mysql://root@127.0.0.1:3306/test?ssl-mode=DISABLED' }),
    ).resolves.toBeUndefined();
    await expect(
      testConnection(connector, { connectionString: 'mariadb://root@127.0.0.1/test?charset=utf8mb4', ssl: false }),
    ).resolves.toBeUndefined();
  });

  // The local server checks passwords: root has an empty one, so any other is refused.
  it('reports a wrong password as auth', async () => {
    await expect(testConnection(connector, { ...connection, password: 'wrong' })).rejects.toMatchObject({
      kind: 'auth',
      errorCode: 'ER_ACCESS_DENIED_ERROR',
      errno: 1045,
      hint: expect.stringContaining('Check the connection'),
    });
  });

  it('reports a missing database as not_found', async () => {
    await expect(testConnection(connector, { ...connection, database: uniqueName('nodb') })).rejects.toMatchObject({
      kind: 'not_found',
      errorCode: 'ER_BAD_DB_ERROR',
    });
  });

  it('reports a closed port as transient', async () => {
    await expect(testConnection(connector, { ...connection, port: 1 })).rejects.toMatchObject({
      kind: 'transient',
      retryable: true,
      message: expect.stringContaining('ECONNREFUSED'),
    });
  });

  it('reports TLS asked of a server without it as a connection problem', async () => {
    await expect(testConnection(connector, { ...connection, ssl: 'required' })).rejects.toMatchObject({
      kind: 'auth',
      errorCode: 'HANDSHAKE_NO_SSL_SUPPORT',
      hint: expect.stringContaining('ssl'),
    });
  });

  it('refuses a connection that is neither a string nor has a host', async () => {
    await expect(testConnection(connector, { user: 'root' })).rejects.toBeInstanceOf(ValidationError);
    await expect(testConnection(connector, { connectionString: 'postgres://x@127.0.0.1/db' })).rejects.toBeInstanceOf(
      ValidationError,
    );
  });

  it('refuses a connection string mixed with separate fields, or carrying driver options', async () => {
    await expect(
      testConnection(connector, { connectionString: 'mysql://root@127.0.0.1/test', host: '127.0.0.1' }),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      message: expect.stringContaining('both a connection string and host'),
    });
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
