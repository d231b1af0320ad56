import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import { type AssumeRoleOptions, awsClientConfig } from './client-config.js';

const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', region: 'eu-west-1' };

describe('awsClientConfig', () => {
  it('gives the region, static keys and one attempt', () => {
    expect(awsClientConfig(keys, { connector: 'aws-s3' })).toEqual({
      region: 'eu-west-1',
      credentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
      maxAttempts: 1,
    });
    const temporary = awsClientConfig({ ...keys, sessionToken: 'FwoGZX' }, { connector: 'aws-s3' });
    expect(temporary.credentials).toMatchObject({ sessionToken: 'FwoGZX' });
  });

  it('takes an https endpoint, or http on loopback only, without a trailing slash', () => {
    expect(awsClientConfig({ ...keys, endpoint: 'http://127.0.0.1:4569/' }, { connector: 'x' }).endpoint).toBe(
      'http://127.0.0.1:4569',
    );
    expect(
      awsClientConfig({ ...keys, endpoint: 'https://acct.r2.cloudflarestorage.com' }, { connector: 'x' }).endpoint,
    ).toBe('https://acct.r2.cloudflarestorage.com');
    expect(() => awsClientConfig({ ...keys, endpoint: 'http://minio.internal:9000' }, { connector: 'x' })).toThrow(
      expect.objectContaining({
        kind: 'invalid_input',
        message: expect.stringMatching(/^endpoint: .*not an https URL/),
      }),
    );
  });

  it('assumes the role through the provider it is given, with the keys as master credentials', async () => {
    const calls: AssumeRoleOptions[] = [];
    const assumed = { accessKeyId: 'ASIAEXAMPLE', secretAccessKey: 's', sessionToken: 't' };
    const config = awsClientConfig(
      {
        ...keys,
        roleArn: 'arn:aws:iam::123456789012:role/automation',
        externalId: 'tenant-7',
        stsEndpoint: 'http://localhost:4566',
      },
      {
        connector: 'aws-sqs',
        assumeRole: (options) => {
          calls.push(options);
          return async () => assumed;
        },
      },
    );
    expect(calls).toEqual([
      {
        params: {
          RoleArn: 'arn:aws:iam::123456789012:role/automation',
          RoleSessionName: 'mova-aws-sqs',
          ExternalId: 'tenant-7',
        },
        masterCredentials: { accessKeyId: keys.accessKeyId, secretAccessKey: keys.secretAccessKey },
        clientConfig: { region: 'eu-west-1', maxAttempts: 1, endpoint: 'http://localhost:4566' },
      },
    ]);
    expect(typeof config.credentials).toBe('function');
    expect(await (config.credentials as () => Promise<unknown>)()).toEqual(assumed);
  });

  it('refuses a role it cannot assume, and role settings without a role', () => {
    const role = { ...keys, roleArn: 'arn:aws:iam::123456789012:role/r' };
    expect(() => awsClientConfig(role, { connector: 'x', actionKey: 'a.b' })).toThrow(ConnectorError);
    expect(() => awsClientConfig({ ...keys, externalId: 'e1' }, { connector: 'x' })).toThrow(/need roleArn/);
    expect(() => awsClientConfig({ ...keys, secretAccessKey: '' }, { connector: 'x' })).toThrow(/no secretAccessKey/);
  });
});
