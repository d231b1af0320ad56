import { describe, expect, it } from 'vitest';
import { snsErrors } from './errors.js';

/** An exception as the SNS client throws it for a query-protocol XML error. */
const snsError = (code: string, status: number) =>
  Object.assign(new Error(`${code} message`), {
    name: code,
    Code: code,
    $fault: 'client',
    $metadata: { httpStatusCode: status },
  });

describe('snsErrors', () => {
  it('classifies SNS error codes', () => {
    const cases: [string, number, string][] = [
      ['NotFound', 404, 'not_found'],
      ['Throttled', 429, 'rate_limit'],
      ['KMSThrottling', 400, 'rate_limit'],
      ['AuthorizationError', 403, 'auth'],
      ['InvalidClientTokenId', 403, 'auth'],
      ['InvalidParameter', 400, 'invalid_input'],
      ['ParameterValueInvalid', 400, 'invalid_input'],
      ['OptedOut', 400, 'invalid_input'],
      ['EndpointDisabled', 400, 'conflict'],
      ['InternalError', 500, 'transient'],
    ];
    for (const [code, status, kind] of cases) {
      expect(snsErrors.toConnectorError(snsError(code, status), 'messages.publish'), code).toMatchObject({
        kind,
        status,
      });
    }
    expect(snsErrors.toConnectorError(snsError('InvalidParameter', 400)).hint).toMatch(/FIFO/);
    expect(snsErrors.toConnectorError(snsError('OptedOut', 400)).hint).toMatch(/opted out/);
  });
});
