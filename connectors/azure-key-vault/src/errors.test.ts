import { describe, expect, it } from 'vitest';
import { vaultErrors } from './errors.js';

/** The shape of @azure/core-rest-pipeline's RestError as the SDK throws it for an error answer. */
function restError(statusCode: number, code: string, message: string, headers: Record<string, string> = {}) {
  return Object.assign(new Error(message), {
    name: 'RestError',
    statusCode,
    code,
    response: { headers: { get: (name: string) => headers[name] } },
  });
}

describe('vaultErrors', () => {
  it.each([
    [404, 'SecretNotFound', 'not_found'],
    [403, 'Forbidden', 'auth'],
    [401, 'Unauthorized', 'auth'],
    [429, 'Throttled', 'rate_limit'],
    [400, 'BadParameter', 'invalid_input'],
    [503, 'ServiceUnavailable', 'transient'],
  ])('maps %i %s to %s', (status, code, kind) => {
    expect(vaultErrors.toConnectorError(restError(status, code, 'words'), 'secrets.get')).toMatchObject({
      kind,
      status,
      actionKey: 'secrets.get',
    });
  });

  it('tells a name held by a deleted secret from other conflicts, and keeps Retry-After', () => {
    const held = vaultErrors.toConnectorError(
      restError(
        409,
        'Conflict',
        'Secret x is currently in a deleted but recoverable state, and its name cannot be reused.',
      ),
    );
    expect(held).toMatchObject({ kind: 'conflict', hint: expect.stringContaining('secrets.recover') });
    expect(held.message).toContain('ObjectIsDeletedButRecoverable');
    expect(
      vaultErrors.toConnectorError(restError(429, 'Throttled', 'slow down', { 'retry-after': '7' })).retryAfter,
    ).toBe(7);
  });
});
