import Anthropic from '@anthropic-ai/sdk';
import { describe, expect, it } from 'vitest';
import { anthropicErrors } from './errors.js';

const apiError = (status: number, type: string, headers: Record<string, string> = {}) =>
  Anthropic.APIError.generate(
    status,
    { type: 'error', error: { type, message: `${type} happened` } },
    undefined,
    new Headers(headers),
  );

describe('anthropicErrors', () => {
  it.each([
    [400, 'invalid_request_error', 'invalid_input'],
    [401, 'authentication_error', 'auth'],
    [402, 'billing_error', 'auth'],
    [403, 'permission_error', 'auth'],
    [404, 'not_found_error', 'not_found'],
    [413, 'request_too_large', 'invalid_input'],
    [429, 'rate_limit_error', 'rate_limit'],
    [500, 'api_error', 'transient'],
    [529, 'overloaded_error', 'rate_limit'],
  ])('maps %i %s to %s', (status, type, kind) => {
    const error = anthropicErrors.toConnectorError(apiError(status, type), 'messages.create');
    expect(error).toMatchObject({ kind, status, actionKey: 'messages.create', vendorMessage: `${type} happened` });
    expect(error.message).toBe(`Anthropic answered ${status} ${type}: ${type} happened`);
  });

  it('keeps Retry-After', () => {
    expect(
      anthropicErrors.toConnectorError(apiError(429, 'rate_limit_error', { 'retry-after': '30' })).retryAfter,
    ).toBe(30);
  });

  it('treats connection failures as transient', () => {
    expect(
      anthropicErrors.toConnectorError(new Anthropic.APIConnectionError({ message: 'Connection error.' })),
    ).toMatchObject({ kind: 'transient' });
  });
});
