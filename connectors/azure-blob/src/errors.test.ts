import { ConnectorError, runAction } from '@mova/sdk';
import nock from 'nock';
import { describe, expect, it } from 'vitest';
import { BLOB_HOST, isolateNetwork, keyConnection, storageError } from '../test/support.js';
import connector from './index.js';

describe('Azure failures', () => {
  isolateNetwork();

  it('retries throttling twice, then reports it as rate_limit with Retry-After', async () => {
    // "Status and error codes": 503 ServerBusy means the account is over its scalability targets.
    const [body, headers] = storageError('ServerBusy', 'The server is busy.');
    const scope = nock(BLOB_HOST)
      .get('/')
      .query(true)
      .times(3)
      .reply(503, body, { ...headers, 'retry-after': '2' });

    const error = await runAction(connector, 'containers.list', {}, { auth: keyConnection }).catch((e) => e);

    expect(scope.isDone()).toBe(true);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'rate_limit', status: 503, retryAfter: 2, retryable: true });
  });

  it('retries a dropped connection twice, then reports it as transient', async () => {
    const scope = nock(BLOB_HOST)
      .get('/')
      .query(true)
      .times(3)
      .replyWithError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }));

    await expect(runAction(connector, 'containers.list', {}, { auth: keyConnection })).rejects.toMatchObject({
      kind: 'transient',
      status: undefined,
      actionKey: 'containers.list',
      message: expect.stringContaining('Azure Blob Storage is unreachable'),
    });
    expect(scope.isDone()).toBe(true);
  });

  it('reports an unreadable connection string as an auth problem', async () => {
    await expect(
      runAction(
        connector,
        'containers.list',
        {},
        { auth: { method: 'connectionString', connectionString: 'not a connection string' } },
      ),
    ).rejects.toMatchObject({
      kind: 'auth',
      actionKey: 'containers.list',
      hint: expect.stringContaining('connection string'),
    });
  });
});
