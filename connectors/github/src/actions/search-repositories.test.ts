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

  // Regression: Octokit's paginator took the first field after the counts as the item list, so any field
  // GitHub puts before items (search issues already sends search_type there) broke the action.
  it('reads the documented items field whatever comes before it, page by page', async () => {
    const q = 'org:octo-org topic:api';
    const next = `https://api.github.com/search/repositories?q=${encodeURIComponent(q)}&per_page=3&page=2`;
    const repo = (id: number) => ({ ...repositoryJson(), id, score: 1 });
    githubApi()
      .get('/search/repositories')
      .query({ q, per_page: '3' })
      .reply(
        200,
        { total_count: 3, incomplete_results: false, search_type: 'lexical', items: [repo(1), repo(2)] },
        { link: `<${next}>; rel="next"` },
      )
      .get('/search/repositories')
      .query({ q, per_page: '3', page: '2' })
      .reply(200, { total_count: 3, incomplete_results: false, search_type: 'lexical', items: [repo(3)] });

    const output = await runAction(connector, 'search.repositories', { q, limit: 3 }, { auth: connection });
    expect(output).toMatchObject({ total_count: 3, items: [{ id: 1 }, { id: 2 }, { id: 3 }] });
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
