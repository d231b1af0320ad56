import { describe, expect, it } from 'vitest';
import { dynamoErrors } from './errors.js';

/** An exception as the DynamoDB client throws it for a JSON error answer (`__type`). */
const dynamoError = (name: string, status = 400) =>
  Object.assign(new Error(`${name} message`), { name, $fault: 'client', $metadata: { httpStatusCode: status } });

describe('dynamoErrors', () => {
  it('classifies DynamoDB error types, all answered with 400', () => {
    const cases: [string, string][] = [
      ['ConditionalCheckFailedException', 'conflict'],
      ['TransactionCanceledException', 'conflict'],
      ['TransactionConflictException', 'conflict'],
      ['ProvisionedThroughputExceededException', 'rate_limit'],
      ['RequestLimitExceeded', 'rate_limit'],
      ['ThrottlingException', 'rate_limit'],
      ['LimitExceededException', 'rate_limit'],
      ['ResourceNotFoundException', 'not_found'],
      ['ResourceInUseException', 'conflict'],
      ['UnrecognizedClientException', 'auth'],
      ['AccessDeniedException', 'auth'],
      ['ValidationException', 'invalid_input'],
      ['ItemCollectionSizeLimitExceededException', 'invalid_input'],
    ];
    for (const [name, kind] of cases) {
      expect(dynamoErrors.toConnectorError(dynamoError(name), 'items.put'), name).toMatchObject({ kind, status: 400 });
    }
    expect(dynamoErrors.toConnectorError(dynamoError('InternalServerError', 500)).kind).toBe('transient');
    expect(dynamoErrors.toConnectorError(dynamoError('ResourceNotFoundException')).hint).toMatch(/No table/);
  });
});
