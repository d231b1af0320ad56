import { runPoll } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { issueJson, pullAsIssueJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "List repository issues": https://docs.github.com/en/rest/issues/issues#list-repository-issues
const newestIssues = (labels?: string) =>
  githubApi()
    .get('/repos/octocat/Hello-World/issues')
    .query({ ...(labels ? { labels } : {}), state: 'all', sort: 'created', direction: 'desc', per_page: '50' });

const numbers = (items: unknown[]) => items.map((item) => (item as { number: number }).number);

describe('issues.new', () => {
  useGitHubMock();
  const input = { owner: 'octocat', repo: 'Hello-World' };

  it('records what exists on the first poll, then emits only issues it has not seen', async () => {
    newestIssues().reply(200, [issueJson(3), pullAsIssueJson(2), issueJson(1)]);
    const first = await runPoll(connector, 'issues.new', input, { auth: connection });
    expect(first.items).toEqual([]);
    expect(first.state.seen).toEqual(['3', '1']);

    newestIssues().reply(200, [issueJson(5), pullAsIssueJson(4), issueJson(3), issueJson(1)]);
    const second = await runPoll(connector, 'issues.new', input, { auth: connection, state: first.state });
    expect(numbers(second.items)).toEqual([5]);
    expect(second.items[0]).toMatchObject({ id: 5, title: 'Found a bug', user: { login: 'octocat' } });
    expect(second.state.seen).toEqual(['3', '1', '5']);

    newestIssues().reply(200, [issueJson(5), issueJson(3), issueJson(1)]);
    const third = await runPoll(connector, 'issues.new', input, { auth: connection, state: second.state });
    expect(third.items).toEqual([]);
  });

  it('filters by labels on the server', async () => {
    newestIssues('bug,ui').reply(200, [issueJson(9)]);
    const poll = await runPoll(
      connector,
      'issues.new',
      { ...input, labels: ['bug', 'ui'] },
      { auth: connection, state: { seen: ['8'] } },
    );
    expect(numbers(poll.items)).toEqual([9]);
  });

  it('fails the poll with a typed error when the repository is gone', async () => {
    newestIssues().reply(404, { message: 'Not Found', documentation_url: 'https://docs.github.com/rest' });
    await expect(runPoll(connector, 'issues.new', input, { auth: connection })).rejects.toMatchObject({
      kind: 'not_found',
      actionKey: 'issues.new',
    });
  });
});
