import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { notFoundJson, repositoryJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Get a repository": https://docs.github.com/en/rest/repos/repos#get-a-repository
describe('repos.get', () => {
  useGitHubMock();

  it('returns the repository fields workflows use', async () => {
    githubApi().get('/repos/octocat/Hello-World').reply(200, repositoryJson());

    await expect(
      runAction(connector, 'repos.get', { owner: 'octocat', repo: 'Hello-World' }, { auth: connection }),
    ).resolves.toEqual({
      id: 1296269,
      name: 'Hello-World',
      full_name: 'octocat/Hello-World',
      owner: { login: 'octocat' },
      private: false,
      visibility: 'public',
      html_url: 'https://github.com/octocat/Hello-World',
      description: 'This your first repo!',
      default_branch: 'master',
      language: null,
      topics: ['octocat', 'atom', 'electron', 'api'],
      fork: false,
      archived: false,
      stargazers_count: 80,
      forks_count: 9,
      open_issues_count: 0,
      created_at: '2011-01-26T19:01:12Z',
      updated_at: '2011-01-26T19:14:43Z',
      pushed_at: '2011-01-26T19:06:43Z',
    });
  });

  it('turns 404 into not_found', async () => {
    githubApi().get('/repos/octocat/private-thing').reply(404, notFoundJson);

    await expect(
      runAction(connector, 'repos.get', { owner: 'octocat', repo: 'private-thing' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'not_found', status: 404, actionKey: 'repos.get' });
  });
});
