import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { issueJson, pullAsIssueJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "Search issues and pull requests":
// https://docs.github.com/en/rest/search/search#search-issues-and-pull-requests
const item = (number: number) => ({ ...issueJson(number), score: 1 });

describe('search.issues', () => {
  useGitHubMock();
  const q = 'repo:octocat/Hello-World is:open label:bug';

  it('sends the query, follows the Link header and keeps the total count', async () => {
    const next = `https://api.github.com/search/issues?q=${encodeURIComponent(q)}&sort=created&order=desc&per_page=100&page=2`;
    const page1 = Array.from({ length: 100 }, (_, i) => item(300 - i));
    page1[1] = { ...pullAsIssueJson(299), score: 1 };
    githubApi()
      .get('/search/issues')
      .query({ q, sort: 'created', order: 'desc', per_page: '100' })
      .reply(
        200,
        { total_count: 240, incomplete_results: false, search_type: 'lexical', items: page1 },
        { link: `<${next}>; rel="next"` },
      )
      .get('/search/issues')
      .query({ q, sort: 'created', order: 'desc', per_page: '100', page: '2' })
      .reply(200, {
        total_count: 240,
        incomplete_results: false,
        search_type: 'lexical',
        items: Array.from({ length: 100 }, (_, i) => item(200 - i)),
      });

    const output = await runAction(
      connector,
      'search.issues',
      { q, sort: 'created', order: 'desc', limit: 102 },
      { auth: connection },
    );
    expect(output).toMatchObject({ total_count: 240, incomplete_results: false });
    const items = (output as { items: Array<{ number: number; pull_request?: object }> }).items;
    expect(items).toHaveLength(102);
    expect(items.slice(98).map((i) => i.number)).toEqual([202, 201, 200, 199]);
    expect(items[1]?.pull_request).toEqual({ html_url: 'https://github.com/octocat/Hello-World/pull/299' });
  });

  // Regression: Octokit's paginator took the first field after the counts as the item list, and GitHub
  // sends search_type before items ("Cannot create property 'incomplete_results' on string").
  it('reads the items when GitHub puts search_type before them, and stops without a next page', async () => {
    githubApi()
      .get('/search/issues')
      .query({ q, per_page: '30' })
      .reply(200, { total_count: 1, incomplete_results: false, search_type: 'hybrid', items: [item(1347)] });

    const output = await runAction(connector, 'search.issues', { q }, { auth: connection });
    expect(output).toMatchObject({ total_count: 1, incomplete_results: false, items: [{ number: 1347 }] });
  });

  it('reports a malformed query as invalid_input with GitHub’s message', async () => {
    githubApi()
      .get('/search/issues')
      .query({ q: 'is:issue created:>not-a-date', per_page: '30' })
      .reply(422, {
        message: 'Validation Failed',
        errors: [
          {
            message: 'The search contains an invalid date: not-a-date',
            resource: 'Search',
            field: 'q',
            code: 'invalid',
          },
        ],
        documentation_url: 'https://docs.github.com/v3/search/',
        status: '422',
      });

    const error = await runAction(
      connector,
      'search.issues',
      { q: 'is:issue created:>not-a-date' },
      {
        auth: connection,
      },
    ).catch((e: unknown) => e);
    expect(error).toMatchObject({ kind: 'invalid_input', status: 422 });
    expect((error as Error).message).toContain('q: The search contains an invalid date: not-a-date');
  });
});
