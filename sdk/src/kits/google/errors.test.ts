import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import { googleApiFailure, googleErrorMapping } from './errors.js';

const mapping = googleErrorMapping({ vendor: 'Google Drive', hints: { 404: 'Check the file id.' } });

/** What gaxios 7 throws: status, and the response with fetch's Headers and the parsed body. */
function gaxiosError(status: number, error: unknown, headers: Record<string, string> = {}) {
  return Object.assign(new Error('Request failed'), {
    status,
    response: { status, headers: new Headers(headers), data: { error } },
  });
}

// Error bodies as "Resolve errors" (Drive API) and AIP-193 (Sheets API) show them.
const legacy = (code: number, reason: string, message: string) => ({
  code,
  message,
  errors: [{ domain: 'usageLimits', reason, message }],
});
const aip193 = (code: number, status: string, message: string, reason?: string) => ({
  code,
  message,
  status,
  ...(reason ? { details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason }] } : {}),
});

describe('googleErrorMapping', () => {
  it.each([
    [403, legacy(403, 'userRateLimitExceeded', 'User rate limit exceeded'), 'rate_limit'],
    [403, legacy(403, 'rateLimitExceeded', 'Rate limit exceeded'), 'rate_limit'],
    [429, aip193(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded', 'RATE_LIMIT_EXCEEDED'), 'rate_limit'],
    [403, legacy(403, 'insufficientPermissions', 'Insufficient Permission'), 'auth'],
    [403, aip193(403, 'PERMISSION_DENIED', 'The caller does not have permission'), 'auth'],
    [401, aip193(401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials.'), 'auth'],
    [404, legacy(404, 'notFound', 'File not found: abc.'), 'not_found'],
    [400, aip193(400, 'INVALID_ARGUMENT', 'Unable to parse range: Sheet9!A1'), 'invalid_input'],
    [503, aip193(503, 'UNAVAILABLE', 'The service is currently unavailable.'), 'transient'],
    [500, legacy(500, 'backendError', 'Backend Error'), 'transient'],
  ])('maps %i %j to %s', (status, body, kind) => {
    const error = mapping.toConnectorError(gaxiosError(status, body), 'files.get');
    expect(error).toMatchObject({ kind, status, actionKey: 'files.get', vendorMessage: body.message });
  });

  it('keeps Retry-After and names the vendor and reason', () => {
    const error = mapping.toConnectorError(
      gaxiosError(429, aip193(429, 'RESOURCE_EXHAUSTED', 'Quota exceeded'), { 'retry-after': '17' }),
    );
    expect(error.retryAfter).toBe(17);
    expect(error.message).toBe('Google Drive answered 429 RESOURCE_EXHAUSTED: Quota exceeded');
  });

  it('gives the API hint for a status and the scope hint for insufficientPermissions', () => {
    expect(mapping.toConnectorError(gaxiosError(404, legacy(404, 'notFound', 'x'))).hint).toBe('Check the file id.');
    expect(mapping.toConnectorError(gaxiosError(403, legacy(403, 'insufficientPermissions', 'x'))).hint).toMatch(
      /scope/,
    );
  });

  it('reads a plain-object header and a body without an error object', () => {
    const failure = googleApiFailure({
      response: { status: 502, headers: { 'retry-after': '3' }, data: '<html>Bad Gateway</html>' },
    });
    expect(failure).toMatchObject({ status: 502, code: undefined, retryAfter: '3' });
  });

  it('leaves alone what is not an HTTP failure, but still knows a refused socket', () => {
    expect(googleApiFailure(new Error('boom'))).toBeUndefined();
    expect(mapping.from(new Error('boom'))).toBeUndefined();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(mapping.from(refused)).toMatchObject({ kind: 'transient' });
  });

  it('passes a ConnectorError from the token grant through, adding the action key', () => {
    const token = new ConnectorError('Google refused the refresh token', { kind: 'auth', status: 400 });
    expect(mapping.from(token, 'rows.append')).toMatchObject({ kind: 'auth', actionKey: 'rows.append' });
  });
});

describe('errors of the SDK HTTP client', () => {
  it('refines a status-classified error by the reason in Google’s body', () => {
    const response = {
      status: 403,
      url: 'https://pubsub.googleapis.com/v1/projects/p/topics',
      headers: { 'retry-after': '5' },
      data: { error: legacy(403, 'rateLimitExceeded', 'Rate limit exceeded') },
    };
    const fromClient = new ConnectorError('HTTP 403', { kind: 'auth', status: 403, cause: response });
    expect(mapping.from(fromClient, 'topics.list')).toMatchObject({
      kind: 'rate_limit',
      status: 403,
      retryAfter: 5,
      vendorMessage: 'Rate limit exceeded',
      actionKey: 'topics.list',
    });
  });
});
