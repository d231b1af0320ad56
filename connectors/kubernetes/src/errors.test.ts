import { ApiException } from '@kubernetes/client-node';
import { describe, expect, it } from 'vitest';
import { kubernetesErrors } from './errors.js';

const status = (code: number, reason: string, message: string, headers: Record<string, string> = {}) =>
  new ApiException(
    code,
    'Unknown API Status Code!',
    { kind: 'Status', status: 'Failure', code, reason, message },
    headers,
  );

describe('kubernetesErrors', () => {
  it.each([
    [404, 'NotFound', 'not_found'],
    [409, 'AlreadyExists', 'conflict'],
    [409, 'Conflict', 'conflict'],
    [422, 'Invalid', 'invalid_input'],
    [400, 'BadRequest', 'invalid_input'],
    [403, 'Forbidden', 'auth'],
    [429, 'TooManyRequests', 'rate_limit'],
    [503, 'ServiceUnavailable', 'transient'],
    [504, 'Timeout', 'transient'],
  ] as const)('maps %i %s to %s with the Status message', (code, reason, kind) => {
    const error = kubernetesErrors.toConnectorError(status(code, reason, 'words'), 'pods.get');
    expect(error).toMatchObject({ kind, status: code, vendorMessage: 'words', actionKey: 'pods.get' });
  });

  it('reads a 401 without a body, and Retry-After in any case', () => {
    expect(kubernetesErrors.toConnectorError(new ApiException(401, 'Unauthorized', undefined, {}))).toMatchObject({
      kind: 'auth',
      vendorMessage: 'Unauthorized',
    });
    expect(
      kubernetesErrors.toConnectorError(status(429, 'TooManyRequests', 'slow', { 'Retry-After': '7' })).retryAfter,
    ).toBe(7);
  });

  it('hints at RBAC for Forbidden', () => {
    expect(kubernetesErrors.toConnectorError(status(403, 'Forbidden', 'cannot list pods')).hint).toMatch(/RBAC/);
  });
});
