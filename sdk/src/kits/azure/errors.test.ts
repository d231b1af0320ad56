import { describe, expect, it } from 'vitest';
import { errorMapping } from '../../error-mapping.js';
import { entraIdFailure, isAzureRestError, storageFailure } from './errors.js';

/** Stand-ins for @azure/identity's error classes, in their shape. */
class AuthenticationError extends Error {
  constructor(
    readonly statusCode: number,
    readonly errorResponse: { error: string; errorDescription: string },
  ) {
    super(errorResponse.errorDescription);
  }
}
class AuthenticationRequiredError extends Error {}
class CredentialUnavailableError extends Error {}
const identity = { AuthenticationError, AuthenticationRequiredError, CredentialUnavailableError };

/** A RestError as @azure/core-rest-pipeline throws it. */
function restError(message: string, fields: { statusCode?: number; code?: string; headers?: Record<string, string> }) {
  const headers = new Map(Object.entries(fields.headers ?? {}));
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode: fields.statusCode,
    code: fields.code,
    response: { headers: { get: (name: string) => headers.get(name) } },
  });
}

describe('storageFailure', () => {
  it('keeps the code, status, first message line and Retry-After', () => {
    const error = restError('The specified queue does not exist.\nRequestId:1\nTime:2026', {
      statusCode: 404,
      code: 'QueueNotFound',
      headers: { 'retry-after': '5' },
    });
    expect(isAzureRestError(error)).toBe(true);
    expect(storageFailure(error, 'Azure Queue Storage')).toEqual({
      status: 404,
      code: 'QueueNotFound',
      vendorMessage: 'The specified queue does not exist.',
      retryAfter: '5',
      message: undefined,
      cause: error,
    });
  });

  it('reads the code from x-ms-error-code when a HEAD answer has no body', () => {
    const error = restError('', { statusCode: 404, headers: { 'x-ms-error-code': 'BlobNotFound' } });
    expect(storageFailure(error, 'Azure Blob Storage')).toMatchObject({
      code: 'BlobNotFound',
      vendorMessage: undefined,
    });
  });

  it('names the service as unreachable when no answer came', () => {
    const error = restError('connect ECONNREFUSED 127.0.0.1:10001', {});
    expect(storageFailure(error, 'Azure Queue Storage').message).toBe(
      'Azure Queue Storage is unreachable: connect ECONNREFUSED 127.0.0.1:10001',
    );
  });

  it('is not taken for any other error', () => {
    expect(isAzureRestError(new Error('RestError'))).toBe(false);
    expect(isAzureRestError({ name: 'RestError' })).toBe(false);
  });
});

describe('entraIdFailure', () => {
  it('reads a refused app registration as auth with its OAuth error', () => {
    const error = new AuthenticationError(401, {
      error: 'invalid_client',
      errorDescription: 'AADSTS7000215: Invalid client secret provided.',
    });
    expect(entraIdFailure(error, identity)).toMatchObject({
      kind: 'auth',
      status: 401,
      vendorMessage: 'AADSTS7000215: Invalid client secret provided.',
      message: "Microsoft Entra ID refused the app's credentials (invalid_client)",
      hint: expect.stringContaining('clientSecret'),
    });
  });

  it('tells an unreachable sign-in host (transient) from a token it would not issue (auth)', () => {
    const down = new CredentialUnavailableError('network_error: connect ECONNREFUSED 127.0.0.1:9');
    expect(entraIdFailure(down, identity)).toMatchObject({ kind: 'transient', hint: undefined });
    const refused = new AuthenticationRequiredError('interaction_required: consent missing');
    expect(entraIdFailure(refused, identity)).toMatchObject({
      kind: 'auth',
      message: 'Microsoft Entra ID did not issue a token',
    });
  });

  it('leaves other errors to the caller', () => {
    expect(entraIdFailure(new Error('boom'), identity)).toBeUndefined();
  });

  it('gives errorMapping a ConnectorError of the right kind', () => {
    const mapping = errorMapping({ vendor: 'Azure Key Vault', read: (error) => entraIdFailure(error, identity) });
    const mapped = mapping.from(
      new AuthenticationError(400, { error: 'invalid_grant', errorDescription: 'expired' }),
      'x.y',
    );
    expect(mapped).toMatchObject({ kind: 'auth', actionKey: 'x.y' });
  });
});
