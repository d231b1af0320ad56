import { GitbeakerRequestError, GitbeakerRetryError, GitbeakerTimeoutError } from '@gitbeaker/requester-utils';
import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { gitlabErrors } from './errors.js';

const failure = (status: number, description: string, headers: Record<string, string> = {}) =>
  new GitbeakerRequestError(description, {
    cause: {
      description,
      request: new Request('https://gitlab.example.com/api/v4/projects/1'),
      response: new Response(null, { status, headers }),
    },
  });

describe('gitlabErrors', () => {
  it.each([
    [401, 'auth'],
    [403, 'auth'],
    [404, 'not_found'],
    [400, 'invalid_input'],
    [422, 'invalid_input'],
    [405, 'conflict'],
    [406, 'conflict'],
    [409, 'conflict'],
    [429, 'rate_limit'],
    [500, 'transient'],
    [503, 'transient'],
  ] as const)('maps HTTP %i to %s, keeping the status and GitLab’s words', (status, kind) => {
    const error = gitlabErrors.toConnectorError(failure(status, `${status} something`), 'issues.get');
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({ kind, status, vendorMessage: `${status} something`, actionKey: 'issues.get' });
    expect(error.message).toContain(`GitLab answered ${status}`);
  });

  it('keeps Retry-After of a 429 in seconds', () => {
    const error = gitlabErrors.toConnectorError(failure(429, 'Retry later', { 'retry-after': '30' }));
    expect(error).toMatchObject({ kind: 'rate_limit', retryAfter: 30 });
  });

  it('hints what a 405 on merge means', () => {
    expect(gitlabErrors.toConnectorError(failure(405, '405 Method Not Allowed')).hint).toMatch(/draft/);
  });

  it('treats timeouts and exhausted retries as transient, a bad instance URL as invalid input', () => {
    expect(gitlabErrors.toConnectorError(new GitbeakerTimeoutError('Query timeout was reached')).kind).toBe(
      'transient',
    );
    expect(gitlabErrors.toConnectorError(new GitbeakerRetryError('after 10 retries')).kind).toBe('transient');
    const url = new TypeError('"http://x" is not an https URL (plain http is accepted only for localhost)');
    expect(gitlabErrors.toConnectorError(url)).toMatchObject({ kind: 'invalid_input' });
  });

  it('sees an unreachable instance as transient', () => {
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), { code: 'ECONNREFUSED' });
    expect(gitlabErrors.toConnectorError(new TypeError('fetch failed', { cause: refused })).kind).toBe('transient');
  });
});
