import { describe, expect, it } from 'vitest';
import { lambdaErrors } from './errors.js';

/** An exception as the Lambda client throws it for a REST-JSON error (x-amzn-ErrorType). */
const lambdaError = (name: string, status: number, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`${name} message`), {
    name,
    $fault: status >= 500 ? 'server' : 'client',
    $metadata: { httpStatusCode: status },
    $response: { statusCode: status, headers },
  });

describe('lambdaErrors', () => {
  it('classifies Lambda error types', () => {
    const cases: [string, number, string][] = [
      ['ResourceNotFoundException', 404, 'not_found'],
      ['TooManyRequestsException', 429, 'rate_limit'],
      ['EC2ThrottledException', 502, 'rate_limit'],
      ['ResourceConflictException', 409, 'conflict'],
      ['ResourceNotReadyException', 502, 'transient'],
      ['InvalidRequestContentException', 400, 'invalid_input'],
      ['RequestTooLargeException', 413, 'invalid_input'],
      ['InvalidParameterValueException', 400, 'invalid_input'],
      ['KMSAccessDeniedException', 502, 'auth'],
      ['AccessDeniedException', 403, 'auth'],
      ['ServiceException', 500, 'transient'],
    ];
    for (const [name, status, kind] of cases) {
      expect(lambdaErrors.toConnectorError(lambdaError(name, status), 'functions.invoke'), name).toMatchObject({
        kind,
        status,
      });
    }
    const throttled = lambdaErrors.toConnectorError(
      lambdaError('TooManyRequestsException', 429, { 'retry-after': '4' }),
    );
    expect(throttled).toMatchObject({ retryAfter: 4 });
    expect(throttled.hint).toMatch(/concurrency/);
  });
});
