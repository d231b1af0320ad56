import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { confluenceErrors, confluenceFailure } from './errors.js';

/** A ConnectorError as the SDK's HTTP client makes one, with the response as its cause. */
const clientError = (status: number, data: unknown) =>
  new ConnectorError(`GET failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: { status, url: 'https://acme.atlassian.net/wiki/api/v2/pages/1', headers: {}, data },
  });

describe('confluenceFailure', () => {
  it('reads REST v2 error lists and v1 messages', () => {
    expect(
      confluenceFailure({
        errors: [
          { status: 409, code: 'CONFLICT', title: 'Version must be incremented', detail: 'Current version is: 3' },
        ],
      }),
    ).toEqual({ code: 'CONFLICT', message: 'Version must be incremented: Current version is: 3' });
    expect(confluenceFailure({ statusCode: 404, message: 'No content found with id: 7' })).toEqual({
      message: 'No content found with id: 7',
    });
    expect(confluenceFailure('<html/>')).toEqual({});
  });
});

describe('confluenceErrors', () => {
  it('refines the HTTP client’s errors with Confluence’s code and words, 409 as conflict', () => {
    const error = confluenceErrors.toConnectorError(
      clientError(409, {
        errors: [{ status: 409, code: 'CONFLICT', title: 'Version must be incremented', detail: null }],
      }),
      'pages.update',
    );
    expect(error).toMatchObject({
      kind: 'conflict',
      status: 409,
      vendorMessage: 'Version must be incremented',
      actionKey: 'pages.update',
    });
    expect(error.message).toBe('Confluence answered 409 CONFLICT: Version must be incremented');
  });

  it('classifies statuses Confluence gives without a body it knows', () => {
    expect(confluenceErrors.fromFailure({ status: 404 })).toMatchObject({ kind: 'not_found' });
    expect(confluenceErrors.fromFailure({ status: 401 })).toMatchObject({ kind: 'auth' });
    expect(confluenceErrors.fromFailure({ status: 429, retryAfter: '7' })).toMatchObject({
      kind: 'rate_limit',
      retryAfter: 7,
    });
  });
});
