import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { notFoundJson, pullJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Get a pull request": https://docs.github.com/en/rest/pulls/pulls#get-a-pull-request
describe('pulls.get', () => {
  useGitHubMock();

  it('reads the pull request with its merge state and size', async () => {
    githubApi().get('/repos/octocat/Hello-World/pulls/1347').reply(200, pullJson(1347));

    await expect(
      runAction(
        connector,
        'pulls.get',
        { owner: 'octocat', repo: 'Hello-World', pull_number: 1347 },
        { auth: connection },
      ),
    ).resolves.toMatchObject({
      number: 1347,
      state: 'open',
      html_url: 'https://github.com/octocat/Hello-World/pull/1347',
      user: { login: 'octocat' },
      merged: false,
      mergeable: true,
      mergeable_state: 'clean',
      comments: 10,
      commits: 3,
      additions: 100,
      deletions: 3,
      changed_files: 5,
    });
  });

  it('accepts mergeable null while GitHub is still computing it', async () => {
    githubApi()
      .get('/repos/octocat/Hello-World/pulls/1347')
      .reply(200, { ...pullJson(1347), mergeable: null, mergeable_state: 'unknown' });

    await expect(
      runAction(
        connector,
        'pulls.get',
        { owner: 'octocat', repo: 'Hello-World', pull_number: 1347 },
        { auth: connection },
      ),
    ).resolves.toMatchObject({ mergeable: null, mergeable_state: 'unknown' });
  });

  it('turns 404 into not_found', async () => {
    githubApi().get('/repos/octocat/Hello-World/pulls/5').reply(404, notFoundJson);

    await expect(
      runAction(
        connector,
        'pulls.get',
        { owner: 'octocat', repo: 'Hello-World', pull_number: 5 },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind: 'not_found', status: 404 });
  });
});
