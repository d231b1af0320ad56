import {
  AuthenticationLinearError,
  ForbiddenLinearError,
  InvalidInputLinearError,
  LinearGraphQLError,
  NetworkLinearError,
  RatelimitedLinearError,
} from '@linear/sdk';
import { describe, expect, it } from 'vitest';
import { linearErrors, retryAfterOf } from './errors.js';

// An error as Linear's API sends it (its words, "invalid input"); the SDK's typing of this raw error
// names its own enum for message and type, so the wire object is passed as that type.
type RawGraphQLError = ConstructorParameters<typeof LinearGraphQLError>[0];
const graphqlError = (message: string, type: string) =>
  new LinearGraphQLError({
    message,
    extensions: { type, userPresentableMessage: message },
  } as unknown as RawGraphQLError);
const raw = (status: number, headers: Record<string, string> = {}) => ({
  message: 'GraphQL Error',
  response: { status, headers: new Headers(headers) },
});

describe('linearErrors', () => {
  it.each([
    [
      new AuthenticationLinearError(raw(400), [graphqlError('Authentication required', 'authentication error')]),
      'auth',
    ],
    [new ForbiddenLinearError(raw(403), []), 'auth'],
    [
      new InvalidInputLinearError(raw(400), [graphqlError('Argument Validation Error', 'invalid input')]),
      'invalid_input',
    ],
    [new InvalidInputLinearError(raw(400), [graphqlError('Entity not found: Issue', 'invalid input')]), 'not_found'],
    [new RatelimitedLinearError(raw(400), [graphqlError('Rate limit exceeded', 'ratelimited')]), 'rate_limit'],
    [new NetworkLinearError(raw(502), []), 'transient'],
  ])('maps %s to %s', (error, kind) => {
    expect(linearErrors.toConnectorError(error, 'issues.get')).toMatchObject({ kind, actionKey: 'issues.get' });
  });

  it('waits for Retry-After, or until the rate limit window resets', () => {
    const withHeader = new RatelimitedLinearError(raw(429, { 'retry-after': '9' }), []);
    expect(retryAfterOf(withHeader)).toBe(9);
    const withReset = new RatelimitedLinearError(raw(400, { 'x-ratelimit-requests-reset': '1700000042000' }), []);
    expect(retryAfterOf(withReset, 1_700_000_000_000)).toBe(42);
    expect(retryAfterOf(withReset, 1_700_000_050_000)).toBeUndefined();
    expect(linearErrors.toConnectorError(withHeader).retryAfter).toBe(9);
  });
});
