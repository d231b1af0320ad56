import { describe, expect, it } from 'vitest';
import { s3Errors } from './errors.js';

/** An exception as the S3 client throws it for an XML error answer. */
const s3Error = (name: string, status: number, message = `${name} message`) =>
  Object.assign(new Error(message), { name, Code: name, $fault: 'client', $metadata: { httpStatusCode: status } });

describe('s3Errors', () => {
  it('classifies S3 error codes, with hints for the common ones', () => {
    const cases: [string, number, string][] = [
      ['NoSuchKey', 404, 'not_found'],
      ['NoSuchBucket', 404, 'not_found'],
      ['NotFound', 404, 'not_found'],
      ['AccessDenied', 403, 'auth'],
      ['InvalidAccessKeyId', 403, 'auth'],
      ['RequestTimeTooSkewed', 403, 'auth'],
      ['SlowDown', 503, 'rate_limit'],
      ['BucketAlreadyExists', 409, 'conflict'],
      ['InvalidObjectState', 403, 'conflict'],
      ['InvalidBucketName', 400, 'invalid_input'],
      ['PermanentRedirect', 301, 'invalid_input'],
      ['InternalError', 500, 'transient'],
    ];
    for (const [name, status, kind] of cases) {
      expect(s3Errors.toConnectorError(s3Error(name, status), 'objects.get'), name).toMatchObject({ kind, status });
    }
    expect(s3Errors.toConnectorError(s3Error('NoSuchKey', 404)).hint).toMatch(/case-sensitive/);
    expect(s3Errors.toConnectorError(s3Error('PermanentRedirect', 301)).hint).toMatch(/region/);
    expect(s3Errors.toConnectorError(s3Error('InvalidObjectState', 403)).hint).toMatch(/restore/);
  });
});
