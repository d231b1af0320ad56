import { Type } from '@sinclair/typebox';
import { describe, expect, it } from 'vitest';
import { compileSchema } from '../../validator.js';
import { awsConnectionFields } from './fields.js';

describe('awsConnectionFields', () => {
  const check = compileSchema(Type.Object(awsConnectionFields({ endpointExamples: 'MinIO' })));
  const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'secret', region: 'us-east-1' };

  it('accepts keys with a region, an endpoint and a role', () => {
    expect(check(keys)).toEqual([]);
    expect(
      check({
        ...keys,
        endpoint: 'http://127.0.0.1:9000',
        roleArn: 'arn:aws:iam::123456789012:role/path/automation',
        externalId: 'tenant-7',
        roleSessionName: 'mova-run',
      }),
    ).toEqual([]);
    expect(check({ ...keys, region: 'auto', roleArn: 'arn:aws-cn:iam::123456789012:role/r' })).toEqual([]);
  });

  it('refuses a plain-http remote endpoint, a malformed role ARN and a missing secret', () => {
    expect(check({ ...keys, endpoint: 'http://minio.internal:9000' })).not.toEqual([]);
    expect(check({ ...keys, roleArn: 'arn:aws:iam::1234:role/r' })).not.toEqual([]);
    expect(check({ accessKeyId: 'AKIA', region: 'us-east-1' })).not.toEqual([]);
    expect(check({ ...keys, region: 'EU West' })).not.toEqual([]);
  });

  it('marks the secrets writeOnly', () => {
    const fields = awsConnectionFields();
    expect(fields.secretAccessKey.writeOnly).toBe(true);
    expect(fields.sessionToken.writeOnly).toBe(true);
  });
});
