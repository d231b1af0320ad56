import { describe, expect, it } from 'vitest';
import { awsErrorMapping, readAwsFailure } from './errors.js';

/** An exception as AWS SDK v3 clients throw it (a ServiceException: name, $fault, $metadata). */
function awsError(name: string, status: number | undefined, message = `${name} message`, headers = {}) {
  return Object.assign(new Error(message), {
    name,
    $fault: status !== undefined && status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status, requestId: 'req-1', attempts: 1, totalRetryDelay: 0 },
    $response: { statusCode: status, headers },
  });
}

const mapping = awsErrorMapping({
  vendor: 'Amazon DynamoDB',
  codes: { TableNotFoundException: 'not_found' },
  hints: { TableNotFoundException: 'Check the table name.' },
});

describe('awsErrorMapping', () => {
  it('classifies AWS error codes before statuses', () => {
    const cases: [string, number, string][] = [
      ['ThrottlingException', 400, 'rate_limit'],
      ['SlowDown', 503, 'rate_limit'],
      ['ProvisionedThroughputExceededException', 400, 'rate_limit'],
      ['AccessDenied', 403, 'auth'],
      ['InvalidClientTokenId', 403, 'auth'],
      ['UnrecognizedClientException', 400, 'auth'],
      ['SignatureDoesNotMatch', 403, 'auth'],
      ['NoSuchKey', 404, 'not_found'],
      ['ResourceNotFoundException', 400, 'not_found'],
      ['ConditionalCheckFailedException', 400, 'conflict'],
      ['ValidationException', 400, 'invalid_input'],
      ['PermanentRedirect', 301, 'invalid_input'],
      ['InternalError', 500, 'transient'],
      ['TableNotFoundException', 400, 'not_found'],
    ];
    for (const [name, status, kind] of cases) {
      const mapped = mapping.toConnectorError(awsError(name, status), 'items.get');
      expect(mapped, name).toMatchObject({ kind, status, vendorMessage: `${name} message`, actionKey: 'items.get' });
      expect(mapped.message).toBe(`Amazon DynamoDB answered ${status} ${name}: ${name} message`);
    }
    expect(mapping.toConnectorError(awsError('TableNotFoundException', 400)).hint).toBe('Check the table name.');
    expect(mapping.toConnectorError(awsError('InvalidAccessKeyId', 403)).hint).toMatch(/accessKeyId/);
  });

  it('falls back to the HTTP status for codes it does not know, and keeps Retry-After', () => {
    expect(mapping.toConnectorError(awsError('Unknown', 503)).kind).toBe('transient');
    expect(mapping.toConnectorError(awsError('SomethingNew', 409)).kind).toBe('conflict');
    const limited = mapping.toConnectorError(awsError('TooManyRequests', 429, 'slow', { 'retry-after': '7' }));
    expect(limited).toMatchObject({ kind: 'rate_limit', retryAfter: 7 });
  });

  it('reads client-side failures, and leaves socket errors to the mapping', () => {
    const timeout = Object.assign(new Error('Connection timed out after 1000 ms'), { name: 'TimeoutError' });
    expect(mapping.toConnectorError(timeout).kind).toBe('transient');
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      $metadata: { attempts: 1 },
    });
    expect(readAwsFailure(refused)).toBeUndefined();
    expect(mapping.toConnectorError(refused)).toMatchObject({ kind: 'transient' });
    expect(mapping.toConnectorError(refused).message).toMatch(/cannot reach Amazon DynamoDB \(ECONNREFUSED\)/);
    expect(readAwsFailure(new Error('plain'))).toBeUndefined();
    expect(readAwsFailure('not an error')).toBeUndefined();
  });
});
