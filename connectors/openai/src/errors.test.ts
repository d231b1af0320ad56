import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { openAIErrors } from './errors.js';

const apiError = (status: number, code: string | null, type: string, headers: Record<string, string> = {}) =>
  OpenAI.APIError.generate(
    status,
    { error: { message: `${type} happened`, type, param: null, code } },
    undefined,
    new Headers(headers),
  );

describe('openAIErrors', () => {
  it.each([
    [401, 'invalid_api_key', 'invalid_request_error', 'auth'],
    [403, null, 'invalid_request_error', 'auth'],
    [404, 'model_not_found', 'invalid_request_error', 'not_found'],
    [400, 'context_length_exceeded', 'invalid_request_error', 'invalid_input'],
    [400, 'content_policy_violation', 'invalid_request_error', 'invalid_input'],
    [429, 'rate_limit_exceeded', 'tokens', 'rate_limit'],
    [429, 'insufficient_quota', 'insufficient_quota', 'auth'],
    [500, null, 'server_error', 'transient'],
    [503, null, 'server_error', 'transient'],
  ])('maps %i %s to %s', (status, code, type, kind) => {
    const error = openAIErrors.toConnectorError(apiError(status, code, type), 'chat.complete');
    expect(error).toMatchObject({ kind, status, actionKey: 'chat.complete', vendorMessage: `${type} happened` });
  });

  it('keeps Retry-After, or retry-after-ms rounded up to seconds', () => {
    expect(
      openAIErrors.toConnectorError(apiError(429, 'rate_limit_exceeded', 'requests', { 'retry-after': '7' }))
        .retryAfter,
    ).toBe(7);
    expect(
      openAIErrors.toConnectorError(apiError(429, 'rate_limit_exceeded', 'requests', { 'retry-after-ms': '1500' }))
        .retryAfter,
    ).toBe(2);
  });

  it('treats connection failures and timeouts as transient', () => {
    expect(
      openAIErrors.toConnectorError(new OpenAI.APIConnectionError({ message: 'Connection error.' })),
    ).toMatchObject({ kind: 'transient' });
    expect(openAIErrors.toConnectorError(new OpenAI.APIConnectionTimeoutError())).toMatchObject({ kind: 'transient' });
  });

  it('explains an exhausted quota', () => {
    expect(openAIErrors.toConnectorError(apiError(429, 'insufficient_quota', 'insufficient_quota')).hint).toContain(
      'Billing',
    );
  });
});
