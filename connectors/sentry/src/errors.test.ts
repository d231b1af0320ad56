import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { refine, sentryErrors } from './errors.js';

const httpFailure = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  new ConnectorError(`GET https://sentry.io/api/0/organizations/acme/issues/1/ failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: { status, headers, data, url: 'https://sentry.io/api/0/organizations/acme/issues/1/' },
  });

describe('sentryErrors', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [400, 'invalid_input'],
    [409, 'conflict'],
    [429, 'rate_limit'],
    [502, 'transient'],
  ] as const)('maps HTTP %i to %s with Sentry’s detail', (status, kind) => {
    const error = sentryErrors.toConnectorError(httpFailure(status, { detail: 'words' }), 'issues.get');
    expect(error).toMatchObject({ kind, status, vendorMessage: 'words', actionKey: 'issues.get' });
  });

  it('spells out serializer field errors', () => {
    const body = { version: ['This field is required.'], projects: ['This field is required.'] };
    expect(sentryErrors.toConnectorError(httpFailure(400, body)).vendorMessage).toBe(
      'version: This field is required.; projects: This field is required.',
    );
  });

  it('turns X-Sentry-Rate-Limit-Reset (epoch seconds) into seconds to wait, preferring Retry-After', () => {
    const now = Date.parse('2026-04-01T12:00:00Z');
    const reset = String(now / 1000 + 25);
    expect(refine(httpFailure(429, {}, { 'x-sentry-rate-limit-reset': reset }), now)?.retryAfter).toBe(25);
    expect(
      refine(httpFailure(429, {}, { 'retry-after': '5', 'x-sentry-rate-limit-reset': reset }), now)?.retryAfter,
    ).toBe('5');
    expect(refine(httpFailure(429, {}, {}), now)?.retryAfter).toBeUndefined();
  });
});
