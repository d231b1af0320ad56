import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { notFoundJson, userJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Create an issue comment": https://docs.github.com/en/rest/issues/comments#create-an-issue-comment
describe('issues.createComment', () => {
  useGitHubMock();

  it('posts the body and returns the comment', async () => {
    githubApi().post('/repos/octocat/Hello-World/issues/1347/comments', { body: 'Me too' }).reply(201, {
      id: 1,
      node_id: 'MDEyOklzc3VlQ29tbWVudDE=',
      url: 'https://api.github.com/repos/octocat/Hello-World/issues/comments/1',
      html_url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
      body: 'Me too',
      user: userJson(),
      created_at: '2011-04-14T16:00:49Z',
      updated_at: '2011-04-14T16:00:49Z',
      issue_url: 'https://api.github.com/repos/octocat/Hello-World/issues/1347',
      author_association: 'COLLABORATOR',
    });

    await expect(
      runAction(
        connector,
        'issues.createComment',
        { owner: 'octocat', repo: 'Hello-World', issue_number: 1347, body: 'Me too' },
        { auth: connection },
      ),
    ).resolves.toEqual({
      id: 1,
      body: 'Me too',
      html_url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
      user: { login: 'octocat', id: 1, type: 'User', html_url: 'https://github.com/octocat' },
      created_at: '2011-04-14T16:00:49Z',
      updated_at: '2011-04-14T16:00:49Z',
    });
  });

  it('turns a missing issue into not_found', async () => {
    githubApi().post('/repos/octocat/Hello-World/issues/999999/comments').reply(404, notFoundJson);

    await expect(
      runAction(
        connector,
        'issues.createComment',
        { owner: 'octocat', repo: 'Hello-World', issue_number: 999999, body: 'Hello' },
        { auth: connection },
      ),
    ).rejects.toMatchObject({ kind: 'not_found', status: 404, actionKey: 'issues.createComment' });
  });
});
