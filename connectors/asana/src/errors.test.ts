import { describe, expect, it } from 'vitest';
import { asanaErrors } from './errors.js';

/** What superagent rejects with for an HTTP error. */
const httpError = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  Object.assign(new Error(`HTTP ${status}`), { status, response: { body, headers } });

describe('asanaErrors', () => {
  it('keeps Asana’s message and classifies by status', () => {
    const error = asanaErrors.toConnectorError(
      httpError(400, { errors: [{ message: 'projects: Not a recognized ID: 42', help: 'see docs' }] }),
      'tasks.create',
    );
    expect(error).toMatchObject({ kind: 'invalid_input', status: 400, actionKey: 'tasks.create' });
    expect(error.message).toBe('Asana answered 400: projects: Not a recognized ID: 42');
    expect(
      asanaErrors.toConnectorError(httpError(404, { errors: [{ message: 'task: Unknown object' }] })),
    ).toMatchObject({
      kind: 'not_found',
    });
  });

  it('treats 402 (premium-only feature) as auth with a hint, and keeps Retry-After of a 429', () => {
    const premium = asanaErrors.toConnectorError(
      httpError(402, { errors: [{ message: 'Search is only available to premium users.' }] }),
    );
    expect(premium).toMatchObject({ kind: 'auth', status: 402 });
    expect(premium.hint).toContain('paid plan');
    expect(asanaErrors.toConnectorError(httpError(429, { errors: [] }, { 'retry-after': '30' }))).toMatchObject({
      kind: 'rate_limit',
      retryAfter: 30,
    });
  });

  it('reads OAuth errors and leaves unrelated errors alone', () => {
    expect(
      asanaErrors.toConnectorError(httpError(400, { error: 'invalid_grant', error_description: 'expired' })),
    ).toMatchObject({
      kind: 'auth',
      status: 400,
    });
    expect(asanaErrors.from(new Error('bug'))).toBeUndefined();
    const refused = Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' });
    expect(asanaErrors.from(refused)).toMatchObject({ kind: 'transient' });
  });
});
