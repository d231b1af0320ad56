import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { dockerOptions, registryAuth } from './client.js';

describe('dockerOptions', () => {
  it('reads protocol, host and port from the URL, with Docker’s default ports', () => {
    expect(dockerOptions({ url: 'https://docker.example.com' })).toMatchObject({
      protocol: 'https',
      host: 'docker.example.com',
      port: '2376',
    });
    expect(dockerOptions({ url: 'http://127.0.0.1' })).toMatchObject({
      protocol: 'http',
      host: '127.0.0.1',
      port: '2375',
    });
    expect(dockerOptions({ url: 'https://10.0.0.5:443', apiVersion: '1.44' })).toMatchObject({
      port: '443',
      version: 'v1.44',
    });
  });

  it('passes TLS material, and refuses a certificate without its key', () => {
    expect(dockerOptions({ url: 'https://d:2376', ca: 'CA', cert: 'CERT', key: 'KEY' })).toMatchObject({
      ca: 'CA',
      cert: 'CERT',
      key: 'KEY',
    });
    expect(() => dockerOptions({ url: 'https://d:2376', cert: 'CERT' })).toThrow(ConnectorError);
  });

  it('refuses clear text off loopback', () => {
    expect(() => dockerOptions({ url: 'http://docker.example.com:2375' })).toThrow(/https/);
  });
});

describe('registryAuth', () => {
  it('is sent only with credentials, for Docker Hub unless a server is named', () => {
    expect(registryAuth({ url: 'https://d' })).toBeUndefined();
    expect(registryAuth({ url: 'https://d', registryUsername: 'u', registryPassword: 'p' })).toEqual({
      username: 'u',
      password: 'p',
      serveraddress: 'https://index.docker.io/v1/',
    });
  });
});
