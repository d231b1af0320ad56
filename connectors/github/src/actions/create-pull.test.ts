import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { pullJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Create a pull request": https://docs.github.com/en/rest/pulls/pulls#create-a-pull-request
describe('pulls.create', () => {
  useGitHubMock();

  it('posts head, base, title, body and draft and returns the pull request', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/pulls', {
        title: 'Amazing new feature',
        body: 'Please pull these awesome changes in!',
        head: 'octocat:new-topic',
        base: 'master',
        draft: true,
      })
      .reply(201, { ...pullJson(1347), draft: true, merged_at: null, closed_at: null });

    await expect(
      runAction(
        connector,
        'pulls.create',
        {
          owner: 'octocat',
          repo: 'Hello-World',
          title: 'Amazing new feature',
          body: 'Please pull these awesome changes in!',
          head: 'octocat:new-topic',
          base: 'master',
          draft: true,
        },
        { auth: connection },
      ),
    ).resolves.toMatchObject({ number: 1347, draft: true, merged: false, merged_at: null, closed_at: null });
  });

  it('reports an existing pull request for the branch as invalid_input with GitHub’s own message', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/pulls')
      .reply(422, {
        message: 'Validation Failed',
        errors: [
          { resource: 'PullRequest', code: 'custom', message: 'A pull request already exists for octocat:new-topic.' },
        ],
        documentation_url: 'https://docs.github.com/rest/pulls/pulls#create-a-pull-request',
        status: '422',
      });

    const error = await runAction(
      connector,
      'pulls.create',
      { owner: 'octocat', repo: 'Hello-World', title: 'Again', head: 'octocat:new-topic', base: 'master' },
      { auth: connection },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_input', status: 422, vendorMessage: 'Validation Failed' });
    expect((error as Error).message).toContain('A pull request already exists for octocat:new-topic.');
  });
});
