import { describe, expect, it } from 'vitest';
import { sqsErrors } from './errors.js';

/** An exception as the SQS client throws it: the JSON __type as name, x-amzn-query-error's code as Code. */
const sqsError = (name: string, code: string | undefined, status = 400) =>
  Object.assign(new Error(`${name} message`), {
    name,
    ...(code ? { Code: code } : {}),
    $fault: 'client',
    $metadata: { httpStatusCode: status },
  });

describe('sqsErrors', () => {
  it('classifies SQS errors by their query-compatible code or their name', () => {
    const cases: [string, string | undefined, string][] = [
      ['QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue', 'not_found'],
      ['QueueDoesNotExist', undefined, 'not_found'],
      ['ReceiptHandleIsInvalid', 'ReceiptHandleIsInvalid', 'invalid_input'],
      ['MessageNotInflight', 'AWS.SimpleQueueService.MessageNotInflight', 'conflict'],
      ['TooManyEntriesInBatchRequest', 'AWS.SimpleQueueService.TooManyEntriesInBatchRequest', 'invalid_input'],
      ['ThrottlingException', 'Throttling', 'rate_limit'],
      ['RequestThrottled', undefined, 'rate_limit'],
      ['KmsThrottled', undefined, 'rate_limit'],
      ['InvalidClientTokenId', 'InvalidClientTokenId', 'auth'],
      ['AccessDeniedException', 'AccessDenied', 'auth'],
      ['InvalidParameterValue', 'InvalidParameterValue', 'invalid_input'],
    ];
    for (const [name, code, kind] of cases) {
      expect(sqsErrors.toConnectorError(sqsError(name, code), 'messages.send'), `${name}/${code}`).toMatchObject({
        kind,
        status: 400,
      });
    }
    expect(
      sqsErrors.toConnectorError(sqsError('QueueDoesNotExist', 'AWS.SimpleQueueService.NonExistentQueue')).hint,
    ).toMatch(/region/);
    expect(sqsErrors.toConnectorError(sqsError('InternalError', undefined, 500)).kind).toBe('transient');
  });
});
