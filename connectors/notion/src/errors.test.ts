import { APIErrorCode, APIResponseError, RequestTimeoutError, UnknownHTTPResponseError } from '@notionhq/client';
import { describe, expect, it } from 'vitest';
import { notionErrors } from './errors.js';

const apiError = (status: number, code: APIErrorCode, headers: Record<string, string> = {}) =>
  new APIResponseError({
    code,
    status,
    message: `${code} happened`,
    headers: new Headers(headers),
    rawBodyText: JSON.stringify({ object: 'error', status, code, message: `${code} happened` }),
    additional_data: undefined,
    request_id: 'req-1',
  });

describe('notionErrors', () => {
  it.each([
    [401, APIErrorCode.Unauthorized, 'auth'],
    [403, APIErrorCode.RestrictedResource, 'auth'],
    [404, APIErrorCode.ObjectNotFound, 'not_found'],
    [400, APIErrorCode.ValidationError, 'invalid_input'],
    [409, APIErrorCode.ConflictError, 'conflict'],
    [429, APIErrorCode.RateLimited, 'rate_limit'],
    [503, APIErrorCode.ServiceUnavailable, 'transient'],
  ])('maps %i %s to %s', (status, code, kind) => {
    const error = notionErrors.toConnectorError(apiError(status, code), 'pages.get');
    expect(error).toMatchObject({ kind, status, actionKey: 'pages.get', vendorMessage: `${code} happened` });
    expect(error.message).toBe(`Notion answered ${status} ${code}: ${code} happened`);
  });

  it('keeps the Retry-After of a 429', () => {
    const error = notionErrors.toConnectorError(apiError(429, APIErrorCode.RateLimited, { 'retry-after': '12' }));
    expect(error.retryAfter).toBe(12);
  });

  it('reads the code out of a body the SDK does not know, and classifies it', () => {
    const error = new UnknownHTTPResponseError({
      status: 400,
      message: 'missing version',
      headers: new Headers(),
      rawBodyText: JSON.stringify({ object: 'error', status: 400, code: 'missing_version', message: 'Notion-Version' }),
    });
    expect(notionErrors.toConnectorError(error)).toMatchObject({ kind: 'invalid_input', status: 400 });
    const html = new UnknownHTTPResponseError({
      status: 502,
      message: 'bad gateway',
      headers: new Headers(),
      rawBodyText: '<html>',
    });
    expect(notionErrors.toConnectorError(html)).toMatchObject({ kind: 'transient', status: 502 });
  });

  it('treats a client timeout as transient', () => {
    expect(notionErrors.toConnectorError(new RequestTimeoutError())).toMatchObject({ kind: 'transient' });
  });
});
