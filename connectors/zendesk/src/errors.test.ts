import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { zendeskErrors } from './errors.js';

/** What the SDK's HTTP client throws for a non-2xx answer: the response as the cause. */
function httpError(status: number, data: unknown, retryAfter?: number): ConnectorError {
  return new ConnectorError(`GET https://acme.zendesk.com/api/v2/x failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    retryAfter,
    cause: { status, headers: {}, data, url: 'https://acme.zendesk.com/api/v2/x' },
  });
}

describe('zendeskErrors', () => {
  it('reads a per-field DuplicateValue before the general RecordInvalid', () => {
    const error = zendeskErrors.toConnectorError(
      httpError(422, {
        error: 'RecordInvalid',
        description: 'Record validation errors',
        details: {
          email: [
            { description: 'Email: ada@example.com is already being used by another user', error: 'DuplicateValue' },
          ],
        },
      }),
      'users.create',
    );
    expect(error).toMatchObject({ kind: 'conflict', status: 422, actionKey: 'users.create' });
    expect(error.message).toBe(
      'Zendesk answered 422 DuplicateValue: Email: ada@example.com is already being used by another user',
    );
  });

  it('maps RecordNotFound, a blank value, a refused login and a rate limit with its Retry-After', () => {
    expect(
      zendeskErrors.toConnectorError(httpError(404, { error: 'RecordNotFound', description: 'Not found' })),
    ).toMatchObject({
      kind: 'not_found',
    });
    expect(
      zendeskErrors.toConnectorError(
        httpError(422, {
          error: 'RecordInvalid',
          details: { base: [{ description: 'Description: cannot be blank', error: 'BlankValue' }] },
        }),
      ),
    ).toMatchObject({ kind: 'invalid_input' });
    expect(zendeskErrors.toConnectorError(httpError(401, { error: "Couldn't authenticate you" }))).toMatchObject({
      kind: 'auth',
      status: 401,
    });
    expect(zendeskErrors.toConnectorError(httpError(429, 'Too Many Requests', 60))).toMatchObject({
      kind: 'rate_limit',
      retryAfter: 60,
    });
  });

  it('reads the OAuth error shape `{ error: { title, message } }`', () => {
    const error = zendeskErrors.toConnectorError(
      httpError(403, { error: { title: 'Forbidden', message: 'You do not have access to this page.' } }),
    );
    expect(error).toMatchObject({ kind: 'auth', status: 403 });
    expect(error.message).toContain('You do not have access to this page.');
  });
});
