import { describe, expect, it } from 'vitest';
import { errorMessages, retryAfterOf, sendgridErrors } from './errors.js';

/** What @sendgrid/client rejects with (helpers' ResponseError). */
const responseError = (code: number, body: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error('Bad Request'), { code, response: { headers, body } });

describe('sendgridErrors', () => {
  it('keeps the v3 error messages with their fields, and classifies by status', () => {
    const cases: [number, string][] = [
      [400, 'invalid_input'],
      [401, 'auth'],
      [403, 'auth'],
      [404, 'not_found'],
      [413, 'invalid_input'],
      [500, 'transient'],
    ];
    for (const [status, kind] of cases) {
      const mapped = sendgridErrors.toConnectorError(
        responseError(status, {
          errors: [
            { field: 'from.email', message: 'bad sender' },
            { field: null, message: 'and more' },
          ],
        }),
        'mail.send',
      );
      expect(mapped, String(status)).toMatchObject({ kind, status, vendorMessage: 'from.email: bad sender; and more' });
    }
    expect(sendgridErrors.toConnectorError(responseError(403, {})).hint).toMatch(/permission/);
  });

  it('turns X-RateLimit-Reset into retryAfter on 429', () => {
    const reset = String(Math.floor(Date.now() / 1000) + 20);
    const limited = sendgridErrors.toConnectorError(responseError(429, { errors: [] }, { 'x-ratelimit-reset': reset }));
    expect(limited.kind).toBe('rate_limit');
    expect(limited.retryAfter).toBeGreaterThanOrEqual(19);
    expect(limited.retryAfter).toBeLessThanOrEqual(21);
  });
});

describe('retryAfterOf and errorMessages', () => {
  it('prefers Retry-After, never goes negative, and ignores what is not there', () => {
    expect(retryAfterOf({ 'retry-after': '5', 'x-ratelimit-reset': '99' })).toBe('5');
    expect(retryAfterOf({ 'x-ratelimit-reset': '100' }, 200_000)).toBe(0);
    expect(retryAfterOf({})).toBeUndefined();
    expect(errorMessages({ errors: [] })).toBeUndefined();
    expect(errorMessages('nope')).toBeUndefined();
  });
});
