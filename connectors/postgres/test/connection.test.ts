import { ensureService, localServices, testConnection } from '@mova/sdk';
import { beforeAll, describe, expect, it } from 'vitest';
import connector from '../src/index.js';
import { connection, uniqueName } from './helpers.js';

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
