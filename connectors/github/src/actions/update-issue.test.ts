import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { issueJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Update an issue": https://docs.github.com/en/rest/issues/issues#update-an-issue
describe('issues.update', () => {
  useGitHubMock();

  it('closes with a reason, sending only the fields given', async () => {
    githubApi()
      .patch('/repos/octocat/Hello-World/issues/1347', { state: 'closed', state_reason: 'not_planned' })
      .reply(200, issueJson(1347, { state: 'closed', state_reason: 'not_planned', closed_at: '2011-04-23T10:00:00Z' }));

    await expect(
      runAction(
        connector,
        'issues.update',
        { owner: 'octocat', repo: 'Hello-World', issue_number: 1347, state: 'closed', state_reason: 'not_planned' },
        { auth: connection },
      ),
    ).resolves.toMatchObject({ state: 'closed', state_reason: 'not_planned', closed_at: '2011-04-23T10:00:00Z' });
  });

  it('replaces labels and clears assignees and milestone', async () => {
    githubApi()
      .patch('/repos/octocat/Hello-World/issues/1347', {
        title: 'Found a bug (confirmed)',
        labels: ['bug', 'confirmed'],
        assignees: [],
        milestone: null,
      })
      .reply(
        200,
        issueJson(1347, {
          title: 'Found a bug (confirmed)',
          labels: ['bug', { name: 'confirmed', color: 'ededed', description: null }],
          assignees: [],
          assignee: null,
          milestone: null,
        }),
      );

    const output = await runAction(
      connector,
      'issues.update',
      {
        owner: 'octocat',
        repo: 'Hello-World',
        issue_number: 1347,
        title: 'Found a bug (confirmed)',
        labels: ['bug', 'confirmed'],
        assignees: [],
        milestone: null,
      },
      { auth: connection },
    );
    expect(output).toMatchObject({
      title: 'Found a bug (confirmed)',
      labels: [{ name: 'bug' }, { name: 'confirmed', color: 'ededed', description: null }],
      assignees: [],
      milestone: null,
    });
  });
});
