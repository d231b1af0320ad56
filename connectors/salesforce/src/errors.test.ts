// Error codes from the REST API Developer Guide, "Status Codes and Error Responses", and the Bulk API 2.0
// guide, "Errors"; the action tests cover each kind end to end, these pin the mapping rules themselves.
import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { failedSave, toConnectorError } from './errors.js';

/** What jsforce throws for an error answer: an Error named after the code, with the parsed body as data. */
function apiError(errorCode: string, message: string, data: unknown = { errorCode, message }) {
  return Object.assign(new Error(message), { name: errorCode, errorCode, data });
}

describe('toConnectorError', () => {
  it.each([
    ['INVALID_SESSION_ID', 'auth'],
    ['InvalidSessionId', 'auth'],
    ['INVALIDJOB', 'invalid_input'],
    ['InvalidJob', 'invalid_input'],
    ['ENTITY_IS_DELETED', 'not_found'],
    ['UNABLE_TO_LOCK_ROW', 'transient'],
    ['SOMETHING_NEW', 'unknown'],
  ])('reads %s as %s, whatever its spelling', (code, kind) => {
    expect(toConnectorError(apiError(code, 'm'), 'soql.query')).toMatchObject({ kind, actionKey: 'soql.query' });
  });

  it('takes the HTTP status from a body jsforce could not parse', () => {
    const error = toConnectorError(apiError('ERROR_HTTP_502', '<html>Bad Gateway</html>'));
    expect(error).toMatchObject({ kind: 'transient', status: 502 });
  });

  it('keeps the status and Retry-After of the answer the transport saw', () => {
    const error = toConnectorError(apiError('REQUEST_LIMIT_EXCEEDED', 'm'), 'soql.query', {
      status: 429,
      retryAfter: 30,
    });
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 30 });
  });

  it('reads a refused token refresh, which jsforce reports as a plain Error, as auth', () => {
    const error = toConnectorError(new Error('Unable to refresh session due to: expired access/refresh token'));
    expect(error).toMatchObject({ kind: 'auth', hint: expect.stringContaining('refresh token was revoked') });
    expect(error.message).toContain('expired access/refresh token');
  });

  it('keeps a ConnectorError as it is', () => {
    const original = new ConnectorError('x', { kind: 'conflict' });
    expect(toConnectorError(original)).toBe(original);
  });
});

describe('failedSave', () => {
  it('builds the error from a save result’s errors', () => {
    const error = failedSave(
      [
        {
          errorCode: 'FIELD_INTEGRITY_EXCEPTION',
          message: 'Account ID: id value of incorrect type',
          fields: ['AccountId'],
        },
      ],
      'records.create',
    );
    expect(error).toMatchObject({
      kind: 'invalid_input',
      actionKey: 'records.create',
      vendorMessage: 'Account ID: id value of incorrect type (fields: AccountId)',
    });
  });
});
