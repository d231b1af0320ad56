import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { releaseJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "List releases": https://docs.github.com/en/rest/releases/releases#list-releases
describe('releases.list', () => {
  useGitHubMock();

  it('follows the Link header until the limit', async () => {
    const next = 'https://api.github.com/repositories/1296269/releases?per_page=3&page=2';
    githubApi()
      .get('/repos/octocat/Hello-World/releases')
      .query({ per_page: '3' })
      .reply(200, [releaseJson(3, 'v3.0.0'), releaseJson(2, 'v2.0.0')], {
        link: `<${next}>; rel="next", <${next}>; rel="last"`,
      })
      .get('/repositories/1296269/releases')
      .query({ per_page: '3', page: '2' })
      .reply(200, [releaseJson(1, 'v1.0.0')]);

    const output = await runAction(
      connector,
      'releases.list',
      { owner: 'octocat', repo: 'Hello-World', limit: 3 },
      { auth: connection },
    );
    expect((output as { releases: Array<{ tag_name: string }> }).releases.map((r) => r.tag_name)).toEqual([
      'v3.0.0',
      'v2.0.0',
      'v1.0.0',
    ]);
  });

  it('returns an empty list for a repository without releases', async () => {
    githubApi().get('/repos/octocat/Hello-World/releases').query({ per_page: '30' }).reply(200, []);

    await expect(
      runAction(connector, 'releases.list', { owner: 'octocat', repo: 'Hello-World' }, { auth: connection }),
    ).resolves.toEqual({ releases: [] });
  });
});
