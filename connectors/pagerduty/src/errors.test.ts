import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { pagerdutyErrors } from './errors.js';

/** A ConnectorError as the SDK's HTTP client makes one: the response as its cause. */
const httpFailure = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  new ConnectorError(`PUT https://api.pagerduty.com/incidents/P1 failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: { status, headers, data, url: 'https://api.pagerduty.com/incidents/P1' },
  });

describe('pagerdutyErrors', () => {
  it.each([
    [400, 2001, 'invalid_input'],
    [401, 2006, 'auth'],
    [403, 2010, 'auth'],
    [402, 2012, 'auth'],
    [400, 2011, 'invalid_input'],
    [404, 2100, 'not_found'],
    [500, 2000, 'transient'],
  ] as const)('maps HTTP %i code %i to %s', (status, code, kind) => {
    const error = pagerdutyErrors.toConnectorError(
      httpFailure(status, { error: { message: 'words', code } }),
      'incidents.update',
    );
    expect(error).toMatchObject({ kind, status, actionKey: 'incidents.update' });
  });

  it('keeps the message with its errors list', () => {
    const body = { error: { message: 'Invalid Input Provided', code: 2001, errors: ['Title cannot be empty.'] } };
    expect(pagerdutyErrors.toConnectorError(httpFailure(400, body)).vendorMessage).toBe(
      'Invalid Input Provided: Title cannot be empty.',
    );
  });

  it('reads an Events API refusal', () => {
    const body = {
      status: 'invalid event',
      message: 'Event object is invalid',
      errors: ["'payload.summary' is missing or blank"],
    };
    expect(pagerdutyErrors.toConnectorError(httpFailure(400, body))).toMatchObject({
      kind: 'invalid_input',
      vendorMessage: "Event object is invalid: 'payload.summary' is missing or blank",
    });
  });

  it('takes retryAfter from Retry-After, else from RateLimit-Reset', () => {
    const limited = { error: { message: 'Rate Limit Exceeded', code: 2020 } };
    expect(pagerdutyErrors.toConnectorError(httpFailure(429, limited, { 'ratelimit-reset': '12' }))).toMatchObject({
      kind: 'rate_limit',
      retryAfter: 12,
    });
    expect(
      pagerdutyErrors.toConnectorError(httpFailure(429, 'slow down', { 'retry-after': '3', 'ratelimit-reset': '12' })),
    ).toMatchObject({ kind: 'rate_limit', retryAfter: 3 });
  });

  it('hints at the From header when PagerDuty asks for a requester', () => {
    const error = pagerdutyErrors.toConnectorError(httpFailure(400, { error: { message: 'requester', code: 2011 } }));
    expect(error.hint).toMatch(/from/);
  });
});
