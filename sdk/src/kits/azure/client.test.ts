import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import {
  azureClientCache,
  checkStorageEndpoint,
  fromConnectionString,
  incompleteConnection,
  publicStorageHosts,
} from './client.js';

describe('azureClientCache', () => {
  it('builds once per connection and drops the oldest past its size', () => {
    const cache = azureClientCache<{ n: number }>(2);
    let built = 0;
    const build = () => ({ n: ++built });
    const a = cache({ account: 'a' }, build);
    expect(cache({ account: 'a' }, build)).toBe(a);
    cache({ account: 'b' }, build);
    cache({ account: 'c' }, build);
    expect(built).toBe(3);
    expect(cache({ account: 'a' }, build)).not.toBe(a);
    expect(built).toBe(4);
  });
});

describe('checkStorageEndpoint', () => {
  it("accepts Azure's global cloud without accountUrl", () => {
    expect(publicStorageHosts('queue')).toBe('*.queue.core.windows.net');
    expect(() => checkStorageEndpoint('https://acct.queue.core.windows.net/', undefined, 'queue', 'q.x')).not.toThrow();
  });

  it('asks for accountUrl for any other endpoint, naming it', () => {
    let thrown: unknown;
    try {
      checkStorageEndpoint('http://127.0.0.1:10000/devstoreaccount1', undefined, 'blob', 'blobs.list');
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ConnectorError);
    expect(thrown).toMatchObject({
      kind: 'auth',
      actionKey: 'blobs.list',
      message: expect.stringContaining("blob endpoint http://127.0.0.1:10000 is outside Azure's global cloud"),
      hint: expect.stringContaining('Set accountUrl to http://127.0.0.1:10000/devstoreaccount1'),
    });
  });

  it('refuses an accountUrl other than the string names', () => {
    expect(() =>
      checkStorageEndpoint(
        'https://a.queue.core.chinacloudapi.cn',
        'https://b.queue.core.chinacloudapi.cn',
        'queue',
        'q',
      ),
    ).toThrow(/differs from accountUrl https:\/\/b\.queue/);
    expect(() =>
      checkStorageEndpoint('http://127.0.0.1:10001/devstoreaccount1', 'http://127.0.0.1:10001/x', 'queue', 'q'),
    ).not.toThrow();
  });
});

describe('fromConnectionString', () => {
  it('returns the client, or an auth error with the SDK message', () => {
    expect(fromConnectionString(() => 42, 'a')).toBe(42);
    expect(() =>
      fromConnectionString(() => {
        throw new Error('Invalid AccountName');
      }, 'a'),
    ).toThrow(expect.objectContaining({ kind: 'auth', vendorMessage: 'Invalid AccountName' }));
  });
});

it('incompleteConnection names the fields to add', () => {
  expect(incompleteConnection('sasToken', 'q')).toMatchObject({
    kind: 'auth',
    hint: 'Add sasToken to the connection.',
  });
});
