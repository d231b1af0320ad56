import { ConnectorError, runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { badCredentialsJson, issueJson, notFoundJson, pullAsIssueJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Get an issue": https://docs.github.com/en/rest/issues/issues#get-an-issue
describe('issues.get', () => {
  useGitHubMock();
  const input = { owner: 'octocat', repo: 'Hello-World', issue_number: 1347 };

  it('reads the issue by number', async () => {
    githubApi().get('/repos/octocat/Hello-World/issues/1347').reply(200, issueJson(1347));

    await expect(runAction(connector, 'issues.get', input, { auth: connection })).resolves.toMatchObject({
      number: 1347,
      title: 'Found a bug',
      body: "I'm having a problem with this.",
      state: 'open',
      locked: true,
      comments: 0,
    });
  });

  it('marks a pull request read through the issues endpoint', async () => {
    githubApi().get('/repos/octocat/Hello-World/issues/1347').reply(200, pullAsIssueJson(1347));

    await expect(runAction(connector, 'issues.get', input, { auth: connection })).resolves.toMatchObject({
      pull_request: { html_url: 'https://github.com/octocat/Hello-World/pull/1347' },
    });
  });

  it('turns 404 into not_found', async () => {
    githubApi().get('/repos/octocat/Hello-World/issues/1347').reply(404, notFoundJson);

    const error = await runAction(connector, 'issues.get', input, { auth: connection }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'not_found',
      status: 404,
      vendorMessage: 'Not Found',
      actionKey: 'issues.get',
    });
    expect((error as ConnectorError).hint).toMatch(/private repository/);
    expect((error as ConnectorError).retryable).toBe(false);
  });

  it('turns 401 Bad credentials into auth', async () => {
    githubApi().get('/repos/octocat/Hello-World/issues/1347').reply(401, badCredentialsJson);

    const error = await runAction(connector, 'issues.get', input, { auth: connection }).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'auth', status: 401, vendorMessage: 'Bad credentials' });
    expect((error as ConnectorError).hint).toMatch(/refused the token/);
  });
});
