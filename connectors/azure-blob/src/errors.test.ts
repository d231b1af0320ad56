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

  it('reads Retry-After given as an HTTP date too (RFC 9110 §10.2.3)', async () => {
    const [body, headers] = storageError('ServerBusy', 'The server is busy.');
    nock(BLOB_HOST)
      .get('/')
      .query(true)
      .times(3)
      .reply(503, body, { ...headers, 'retry-after': new Date(Date.now() + 120_000).toUTCString() });

    const error = await runAction(connector, 'containers.list', {}, { auth: keyConnection }).catch((e) => e);

    expect(error).toMatchObject({ kind: 'rate_limit', status: 503 });
    expect(error).toHaveProperty(
      'retryAfter',
      expect.toSatisfy((seconds: number) => seconds >= 100 && seconds <= 120),
    );
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

  // "Versioning for the Azure Storage services": a version the service does not support is refused
  // with 400 InvalidHeaderValue naming x-ms-version in HeaderName ("Status and error codes").
  function headerRefused(header: string, value: string): [string, Record<string, string>] {
    const [body, headers] = storageError(
      'InvalidHeaderValue',
      'The value for one of the HTTP headers is not in the correct format.',
    );
    return [
      body.replace('</Error>', `<HeaderName>${header}</HeaderName><HeaderValue>${value}</HeaderValue></Error>`),
      headers,
    ];
  }

  it('reports a refused API version as the service lacking it, not as invalid input', async () => {
    nock(BLOB_HOST)
      .get('/')
      .query(true)
      .reply(400, ...headerRefused('x-ms-version', '2026-04-06'));

    const error = await runAction(connector, 'containers.list', {}, { auth: keyConnection }).catch((e) => e);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'unknown',
      status: 400,
      retryable: false,
      actionKey: 'containers.list',
      message: expect.stringMatching(
        new RegExp(`^The storage service at ${BLOB_HOST} does not support Blob API version \\d{4}-\\d\\d-\\d\\d`),
      ),
      hint: expect.stringContaining('Upgrade the storage service'),
    });
  });

  it('still reports another refused header as invalid input', async () => {
    nock(BLOB_HOST)
      .put('/reports/a.txt')
      .reply(400, ...headerRefused('x-ms-blob-content-type', 'not a type'));

    await expect(
      runAction(
        connector,
        'blobs.upload',
        { container: 'reports', name: 'a.txt', content: 'x', contentType: 'not a type' },
        { auth: keyConnection },
      ),
    ).rejects.toMatchObject({ kind: 'invalid_input', status: 400 });
  });
});
