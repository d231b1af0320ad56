import { ApiException } from '@hubspot/api-client/lib/codegen/crm/objects/index.js';
import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { hubspotErrors } from './errors.js';

const exception = (code: number, body: unknown, headers: Record<string, string> = {}) =>
  new ApiException(code, 'An error occurred.', body, headers);

describe('hubspotErrors', () => {
  it('classifies by HubSpot’s category before the status', () => {
    const error = hubspotErrors.toConnectorError(
      exception(403, {
        status: 'error',
        message: 'This app hasn’t been granted all required scopes',
        category: 'MISSING_SCOPES',
      }),
      'contacts.create',
    );
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind: 'auth', status: 403, actionKey: 'contacts.create' });
    expect(error.message).toBe('HubSpot answered 403 MISSING_SCOPES: This app hasn’t been granted all required scopes');
    expect(error.hint).toContain('scope');
  });

  it('keeps Retry-After of a 429 as a rate limit', () => {
    const error = hubspotErrors.toConnectorError(
      exception(
        429,
        { status: 'error', message: 'You have reached your secondly limit.', category: 'RATE_LIMITS' },
        { 'retry-after': '2' },
      ),
    );
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 2 });
  });

  it('reads the OAuth endpoint’s `status` code and a body that is plain text', () => {
    expect(
      hubspotErrors.toConnectorError(
        exception(400, { status: 'BAD_REFRESH_TOKEN', message: 'missing or unknown refresh token' }),
      ),
    ).toMatchObject({ kind: 'auth', status: 400 });
    expect(hubspotErrors.toConnectorError(exception(502, '<html>Bad gateway</html>'))).toMatchObject({
      kind: 'transient',
      status: 502,
    });
    expect(
      hubspotErrors.toConnectorError(
        exception(404, { status: 'error', message: 'Object not found.', category: 'OBJECT_NOT_FOUND' }),
      ),
    ).toMatchObject({ kind: 'not_found' });
  });

  it('treats a refused connection as transient and leaves other errors alone', () => {
    const refused = new TypeError('fetch failed', {
      cause: Object.assign(new Error('connect'), { code: 'ECONNREFUSED' }),
    });
    expect(hubspotErrors.from(refused)).toMatchObject({ kind: 'transient' });
    expect(hubspotErrors.from(new Error('bug'))).toBeUndefined();
  });
});
