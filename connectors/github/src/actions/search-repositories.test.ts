import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { repositoryJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Search repositories": https://docs.github.com/en/rest/search/search#search-repositories
describe('search.repositories', () => {
  useGitHubMock();

  it('sends the query and sort and maps the matching repositories', async () => {
    githubApi()
      .get('/search/repositories')
      .query({ q: 'tetris language:assembly', sort: 'stars', order: 'desc', per_page: '10' })
      .reply(200, {
        total_count: 1,
        incomplete_results: true,
        items: [{ ...repositoryJson(), score: 1, topics: undefined, visibility: undefined }],
      });

    await expect(
      runAction(
        connector,
        'search.repositories',
        { q: 'tetris language:assembly', sort: 'stars', order: 'desc', limit: 10 },
        { auth: connection },
      ),
    ).resolves.toEqual({
      total_count: 1,
      incomplete_results: true,
      items: [expect.objectContaining({ full_name: 'octocat/Hello-World', stargazers_count: 80, topics: [] })],
    });
  });

  it('turns a secondary rate limit (403) into rate_limit with retryAfter', async () => {
    githubApi().get('/search/repositories').query({ q: 'stars:>1', per_page: '30' }).reply(
      403,
      {
        message: 'You have exceeded a secondary rate limit. Please wait a few minutes before you try again.',
        documentation_url:
          'https://docs.github.com/free-pro-team@latest/rest/overview/rate-limits-for-the-rest-api#about-secondary-rate-limits',
        status: '403',
      },
      { 'retry-after': '60' },
    );

    await expect(
      runAction(connector, 'search.repositories', { q: 'stars:>1' }, { auth: connection }),
    ).rejects.toMatchObject({ kind: 'rate_limit', status: 403, retryAfter: 60, retryable: true });
  });
});
