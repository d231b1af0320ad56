import { Projects } from '@gitbeaker/rest';
import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { describe as describeFailure, withGitlab } from './client.js';

describe('describe (GitLab error bodies)', () => {
  it('reads message, error and OAuth error_description', () => {
    expect(describeFailure('{"message":"404 Project Not Found"}', 'application/json')).toBe('404 Project Not Found');
    expect(describeFailure('{"error":"title is missing"}', 'application/json; charset=utf-8')).toBe('title is missing');
    expect(
      describeFailure('{"error":"invalid_token","error_description":"Token was revoked."}', 'application/json'),
    ).toBe('Token was revoked.');
  });

  it('spells out validation messages field by field', () => {
    const body = '{"message":{"title":["can\'t be blank"],"base":["Reference not found"]}}';
    expect(describeFailure(body, 'application/json')).toBe("title can't be blank; base Reference not found");
    expect(describeFailure('{"message":["Source branch does not exist"]}', 'application/json')).toBe(
      'Source branch does not exist',
    );
  });

  it('keeps plain text and broken JSON as they came, cut to 500 characters', () => {
    expect(describeFailure('Retry later', 'text/plain')).toBe('Retry later');
    expect(describeFailure('{oops', 'application/json')).toBe('{oops');
    expect(describeFailure('x'.repeat(900), null)).toHaveLength(500);
  });
});

describe('withGitlab', () => {
  it('refuses a clear-text instance URL off loopback before sending anything', async () => {
    const call = withGitlab({ token: 't', url: 'http://gitlab.example.com' }, undefined, Projects, (p) => p.show(1));
    await expect(call).rejects.toBeInstanceOf(ConnectorError);
    await expect(call).rejects.toMatchObject({ kind: 'invalid_input' });
  });
});
