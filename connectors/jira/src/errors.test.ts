import { HttpException } from 'jira.js';
import { describe, expect, it } from 'vitest';
import { jiraErrors, jiraMessage } from './errors.js';

const httpError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  new HttpException({ message: `Request failed with status code ${status}`, data, status }, status, {
    cause: { isAxiosError: true, response: { status, data, headers } },
  });

describe('jiraMessage', () => {
  it('joins errorMessages and field errors', () => {
    expect(jiraMessage({ errorMessages: ['Bad request'], errors: { summary: 'You must specify a summary' } })).toBe(
      'Bad request; summary: You must specify a summary',
    );
    expect(jiraMessage({ errorMessages: [], errors: {} })).toBeUndefined();
    expect(jiraMessage('<html>Service down</html>')).toBe('<html>Service down</html>');
  });
});

describe('jiraErrors', () => {
  it('classifies Jira answers by status and keeps the message', () => {
    const cases: [number, string][] = [
      [400, 'invalid_input'],
      [401, 'auth'],
      [403, 'auth'],
      [404, 'not_found'],
      [409, 'conflict'],
      [503, 'transient'],
    ];
    for (const [status, kind] of cases) {
      const error = jiraErrors.toConnectorError(
        httpError(status, { errorMessages: ['nope'], errors: {} }),
        'issues.get',
      );
      expect(error, String(status)).toMatchObject({ kind, status, vendorMessage: 'nope', actionKey: 'issues.get' });
    }
  });

  it('honours Retry-After on 429', () => {
    const error = jiraErrors.toConnectorError(httpError(429, { errorMessages: [] }, { 'Retry-After': '12' }));
    expect(error).toMatchObject({ kind: 'rate_limit', status: 429, retryAfter: 12 });
  });

  it('reads axios errors from raw requests, and socket failures as transient', () => {
    const raw = Object.assign(new Error('Request failed'), {
      isAxiosError: true,
      response: { status: 404, data: { errorMessages: ['No project'] }, headers: {} },
    });
    expect(jiraErrors.toConnectorError(raw)).toMatchObject({ kind: 'not_found', vendorMessage: 'No project' });
    const refused = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:1'), {
      code: 'ECONNREFUSED',
      isAxiosError: true,
    });
    expect(jiraErrors.toConnectorError(refused)).toMatchObject({ kind: 'transient' });
  });
});
