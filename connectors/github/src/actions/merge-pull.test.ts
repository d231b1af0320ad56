import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Merge a pull request": https://docs.github.com/en/rest/pulls/pulls#merge-a-pull-request
describe('pulls.merge', () => {
  useGitHubMock();
  const sha = '6dcb09b5b57875f334f61aebed695e2e4193db5e';

  it('puts the merge method, commit title and expected head sha', async () => {
    githubApi()
      .put('/repos/octocat/Hello-World/pulls/1347/merge', {
        merge_method: 'squash',
        commit_title: 'Amazing new feature (#1347)',
        sha,
      })
      .reply(200, { sha, merged: true, message: 'Pull Request successfully merged' });

    await expect(
      runAction(
        connector,
        'pulls.merge',
        {
          owner: 'octocat',
          repo: 'Hello-World',
          pull_number: 1347,
          merge_method: 'squash',
          commit_title: 'Amazing new feature (#1347)',
          sha,
        },
        { auth: connection },
      ),
    ).resolves.toEqual({ merged: true, sha, message: 'Pull Request successfully merged' });
  });

  it('turns 405 "not mergeable" into conflict', async () => {
    githubApi()
      // with no options given, nothing is sent and GitHub applies the repository's defaults
      .put('/repos/octocat/Hello-World/pulls/1347/merge', (body) => body === '')
      .reply(405, {
        message: 'Pull Request is not mergeable',
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request',
        status: '405',
      });

    await expect(
      runAction(
        connector,
        'pulls.merge',
        { owner: 'octocat', repo: 'Hello-World', pull_number: 1347 },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind: 'conflict', status: 405, vendorMessage: 'Pull Request is not mergeable' });
  });

  it('turns 409 "head branch was modified" into conflict', async () => {
    githubApi().put('/repos/octocat/Hello-World/pulls/1347/merge', { sha }).reply(409, {
      message: 'Head branch was modified. Review and try the merge again.',
      documentation_url: 'https://docs.github.com/rest/pulls/pulls#merge-a-pull-request',
      status: '409',
    });

    await expect(
      runAction(
        connector,
        'pulls.merge',
        { owner: 'octocat', repo: 'Hello-World', pull_number: 1347, sha },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind: 'conflict', status: 409 });
  });
});
