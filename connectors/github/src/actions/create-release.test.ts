import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { releaseJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Create a release": https://docs.github.com/en/rest/releases/releases#create-a-release
describe('releases.create', () => {
  useGitHubMock();

  it('posts the tag, target, notes and flags and returns the release', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/releases', {
        tag_name: 'v1.0.0',
        target_commitish: 'master',
        name: 'v1.0.0',
        body: 'Description of the release',
        draft: false,
        prerelease: false,
        generate_release_notes: true,
        make_latest: 'true',
      })
      .reply(201, releaseJson(1, 'v1.0.0'));

    await expect(
      runAction(
        connector,
        'releases.create',
        {
          owner: 'octocat',
          repo: 'Hello-World',
          tag_name: 'v1.0.0',
          target_commitish: 'master',
          name: 'v1.0.0',
          body: 'Description of the release',
          draft: false,
          prerelease: false,
          generate_release_notes: true,
          make_latest: 'true',
        },
        { auth: connection },
      ),
    ).resolves.toMatchObject({
      id: 1,
      tag_name: 'v1.0.0',
      html_url: 'https://github.com/octocat/Hello-World/releases/v1.0.0',
      author: { login: 'octocat' },
      assets: [
        {
          name: 'example.zip',
          size: 1024,
          browser_download_url: 'https://github.com/octocat/Hello-World/releases/download/v1.0.0/example.zip',
        },
      ],
      published_at: '2013-02-27T19:35:32Z',
    });
  });

  it('reports a tag that already has a release as invalid_input', async () => {
    githubApi()
      .post('/repos/octocat/Hello-World/releases', { tag_name: 'v1.0.0' })
      .reply(422, {
        message: 'Validation Failed',
        errors: [{ resource: 'Release', code: 'already_exists', field: 'tag_name' }],
        documentation_url: 'https://docs.github.com/rest/releases/releases#create-a-release',
        status: '422',
      });

    const error = await runAction(
      connector,
      'releases.create',
      { owner: 'octocat', repo: 'Hello-World', tag_name: 'v1.0.0' },
      { auth: connection },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_input', status: 422 });
    expect((error as Error).message).toContain('Release tag_name already_exists');
  });
});
