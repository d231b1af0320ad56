import { ensureService, localServices, testConnection } from '@mova/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { connection } from './helpers.js';

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
