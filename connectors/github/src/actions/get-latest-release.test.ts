import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { notFoundJson, releaseJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Get the latest release": https://docs.github.com/en/rest/releases/releases#get-the-latest-release
describe('releases.getLatest', () => {
  useGitHubMock();

  it('reads the latest release', async () => {
    githubApi().get('/repos/octocat/Hello-World/releases/latest').reply(200, releaseJson(7, 'v2.1.0'));

    await expect(
      runAction(connector, 'releases.getLatest', { owner: 'octocat', repo: 'Hello-World' }, { auth: connection }),
    ).resolves.toMatchObject({ id: 7, tag_name: 'v2.1.0', draft: false, prerelease: false });
  });

  it('turns "no release yet" (404) into not_found', async () => {
    githubApi().get('/repos/octocat/Hello-World/releases/latest').reply(404, notFoundJson);

    await expect(
      runAction(connector, 'releases.getLatest', { owner: 'octocat', repo: 'Hello-World' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'not_found', status: 404, actionKey: 'releases.getLatest' });
  });
});
