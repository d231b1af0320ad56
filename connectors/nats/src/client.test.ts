import { describe, expect, it } from 'vitest';
import { atLeast } from './actions/jetstream-ack.js';
import { connectOptions, serverList } from './client.js';

describe('serverList', () => {
  it('splits several hosts of one URL and keeps the scheme and credentials', () => {
    expect(serverList('nats://a:4222,b:4222,c')).toEqual(['nats://a:4222', 'nats://b:4222', 'nats://c']);
    expect(serverList('tls://u:p@a:4222')).toEqual(['tls://u:p@a:4222']);
    expect(serverList('127.0.0.1:4222')).toEqual(['nats://127.0.0.1:4222']);
  });

  it('refuses a scheme NATS does not speak', () => {
    expect(() => serverList('http://a:4222', 'publish')).toThrow(/scheme "http"/);
  });
});

describe('connectOptions', () => {
  it('never reconnects or follows servers the cluster advertises', () => {
    expect(connectOptions({ servers: 'nats://a:4222' })).toMatchObject({
      reconnect: false,
      ignoreClusterUpdates: true,
      servers: ['nats://a:4222'],
    });
  });

  it('turns TLS on for tls:// and a CA, and names an IP server for the certificate check', () => {
    expect(connectOptions({ servers: 'nats://a:4222' }).tls).toBeUndefined();
    expect(connectOptions({ servers: 'tls://a:4222' }).tls).toEqual({});
    expect(connectOptions({ servers: 'nats://10.0.0.5:4222', ca: 'PEM' }).tls).toEqual({ ca: 'PEM', host: '10.0.0.5' });
  });

  it('adds one authenticator per kind of credential given', () => {
    expect(connectOptions({ servers: 'nats://a' }).authenticator).toBeUndefined();
    expect(
      connectOptions({ servers: 'nats://a', token: 't', username: 'u', password: 'p' }).authenticator,
    ).toHaveLength(2);
  });
});

describe('atLeast', () => {
  it('compares server versions by major and minor', () => {
    expect(atLeast('2.9.10', 2, 10)).toBe(false);
    expect(atLeast('2.10.0', 2, 10)).toBe(true);
    expect(atLeast('3.0.0', 2, 10)).toBe(true);
    expect(atLeast(undefined, 2, 10)).toBe(false);
  });
});
