import { ConnectorError, runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { issueJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Create an issue": https://docs.github.com/en/rest/issues/issues#create-an-issue
describe('issues.create', () => {
  useGitHubMock();

  it('posts title, body, labels, assignees and milestone and returns the new issue', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/issues', {
        title: 'Found a bug',
        body: "I'm having a problem with this.",
        labels: ['bug'],
        assignees: ['octocat'],
        milestone: 1,
      })
      .reply(201, issueJson(1347));

    const output = await runAction(
      connector,
      'issues.create',
      {
        owner: 'octocat',
        repo: 'Hello-World',
        title: 'Found a bug',
        body: "I'm having a problem with this.",
        labels: ['bug'],
        assignees: ['octocat'],
        milestone: 1,
      },
      { auth: connection },
    );

    expect(output).toMatchObject({
      id: 1347,
      number: 1347,
      title: 'Found a bug',
      state: 'open',
      html_url: 'https://github.com/octocat/Hello-World/issues/1347',
      user: { login: 'octocat', id: 1, type: 'User', html_url: 'https://github.com/octocat' },
      labels: [{ name: 'bug', color: 'f29513', description: "Something isn't working" }],
      assignees: [{ login: 'octocat' }],
      milestone: { number: 1, title: 'v1.0' },
      created_at: '2011-04-22T13:33:48Z',
      closed_at: null,
    });
    expect(output).not.toHaveProperty('pull_request');
    expect(output).not.toHaveProperty('node_id');
  });

  it('sends only the title when nothing else is given', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/issues', (body) => JSON.stringify(body) === '{"title":"Only a title"}')
      .reply(201, issueJson(1, { title: 'Only a title', body: null, labels: [], assignees: [], milestone: null }));

    const output = await runAction(
      connector,
      'issues.create',
      { owner: 'octocat', repo: 'Hello-World', title: 'Only a title' },
      { auth: connection },
    );
    expect(output).toMatchObject({ title: 'Only a title', body: null, labels: [], assignees: [], milestone: null });
  });

  it('turns 422 Validation Failed into invalid_input with GitHub’s message and field errors', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/issues')
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ value: 'nobody', resource: 'Issue', field: 'assignees', code: 'invalid' }],
        documentation_url: 'https://docs.github.com/rest/issues/issues#create-an-issue',
        status: '422',
      });

    const error = await runAction(
      connector,
      'issues.create',
      { owner: 'octocat', repo: 'Hello-World', title: 'x', assignees: ['nobody'] },
      { auth: connection },
    ).catch((e: unknown) => e);

    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'invalid_input',
      status: 422,
      vendorMessage: 'Validation Failed',
      actionKey: 'issues.create',
    });
    expect((error as ConnectorError).message).toBe(
      'GitHub answered 422 to POST /repos/octocat/Hello-World/issues: Validation Failed (Issue assignees invalid)',
    );
    expect((error as ConnectorError).hint).toContain('https://docs.github.com/rest/issues/issues#create-an-issue');
  });

  it('rejects an empty title before calling GitHub', async () => {
    await expect(
      runAction(connector, 'issues.create', { owner: 'octocat', repo: 'Hello-World', title: '' }, { auth: connection }),
    ).rejects.toMatchObject({ code: 'E_VALIDATION' });
  });
});
