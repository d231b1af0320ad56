import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { issueJson, pullAsIssueJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "List repository issues": https://docs.github.com/en/rest/issues/issues#list-repository-issues
// Link header from "Using pagination in the REST API":
// https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api
const page2 = 'https://api.github.com/repositories/1296269/issues?state=open&labels=bug&per_page=3&page=2';
const page3 = 'https://api.github.com/repositories/1296269/issues?state=open&labels=bug&per_page=3&page=3';

const numbers = (output: unknown) => (output as { issues: Array<{ number: number }> }).issues.map((i) => i.number);

describe('issues.list', () => {
  useGitHubMock();

  it('follows the Link header across pages and skips pull requests until it has `limit` issues', async () => {
    githubApi()
      .get('/repos/octocat/Hello-World/issues')
      .query({ state: 'open', labels: 'bug', per_page: '3' })
      .reply(200, [issueJson(10), pullAsIssueJson(9), issueJson(8)], {
        link: `<${page2}>; rel="next", <${page3}>; rel="last"`,
      })
      .get('/repositories/1296269/issues')
      .query({ state: 'open', labels: 'bug', per_page: '3', page: '2' })
      .reply(200, [issueJson(7), issueJson(6), issueJson(5)], {
        link: `<${page3}>; rel="next", <${page3}>; rel="last"`,
      });

    const output = await runAction(
      connector,
      'issues.list',
      { owner: 'octocat', repo: 'Hello-World', labels: ['bug'], limit: 3 },
      { auth: connection },
    );

    // Page 3 is never requested: the limit was reached on page 2 (nock would report it otherwise).
    expect(numbers(output)).toEqual([10, 8, 7]);
  });

  it('reads every page when the limit is higher than what exists', async () => {
    const next = 'https://api.github.com/repositories/1296269/issues?state=all&per_page=100&page=2';
    githubApi()
      .get('/repos/octocat/Hello-World/issues')
      .query({ state: 'all', per_page: '100' })
      .reply(200, [issueJson(3), issueJson(2)], { link: `<${next}>; rel="next", <${next}>; rel="last"` })
      .get('/repositories/1296269/issues')
      .query({ state: 'all', per_page: '100', page: '2' })
      .reply(200, [issueJson(1)], {
        link: '<https://api.github.com/repositories/1296269/issues?state=all&per_page=100&page=1>; rel="prev"',
      });

    const output = await runAction(
      connector,
      'issues.list',
      { owner: 'octocat', repo: 'Hello-World', state: 'all', limit: 500 },
      { auth: connection },
    );
    expect(numbers(output)).toEqual([3, 2, 1]);
  });

  it('passes the filters and keeps pull requests when asked', async () => {
    githubApi()
      .get('/repos/octocat/Hello-World/issues')
      .query({
        state: 'closed',
        assignee: 'octocat',
        creator: 'hubot',
        since: '2024-01-01T00:00:00Z',
        sort: 'updated',
        direction: 'asc',
        per_page: '30',
      })
      .reply(200, [pullAsIssueJson(2), issueJson(1)]);

    const output = await runAction(
      connector,
      'issues.list',
      {
        owner: 'octocat',
        repo: 'Hello-World',
        state: 'closed',
        assignee: 'octocat',
        creator: 'hubot',
        since: '2024-01-01T00:00:00Z',
        sort: 'updated',
        direction: 'asc',
        include_pull_requests: true,
      },
      { auth: connection },
    );
    expect(numbers(output)).toEqual([2, 1]);
  });
});
