import { runAction } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import connector from '../index.js';
import { pullSummaryJson } from '../testing/fixtures.js';
import { connection, githubApi, useGitHubMock } from '../testing/github-api.js';

// Shapes from "List pull requests": https://docs.github.com/en/rest/pulls/pulls#list-pull-requests
describe('pulls.list', () => {
  useGitHubMock();

  it('passes the filters and stops at the limit without reading the next page', async () => {
    const next = 'https://api.github.com/repositories/1296269/pulls?state=all&base=master&per_page=2&page=2';
    githubApi()
      .get('/repos/octocat/Hello-World/pulls')
      .query({
        state: 'all',
        head: 'octocat:new-topic',
        base: 'master',
        sort: 'updated',
        direction: 'desc',
        per_page: '2',
      })
      .reply(200, [pullSummaryJson(12), pullSummaryJson(11)], { link: `<${next}>; rel="next", <${next}>; rel="last"` });

    const output = await runAction(
      connector,
      'pulls.list',
      {
        owner: 'octocat',
        repo: 'Hello-World',
        state: 'all',
        head: 'octocat:new-topic',
        base: 'master',
        sort: 'updated',
        direction: 'desc',
        limit: 2,
      },
      { auth: connection },
    );
    expect(output).toEqual({
      pulls: [
        expect.objectContaining({
          number: 12,
          title: 'Amazing new feature',
          draft: false,
          head: { ref: 'new-topic', sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', label: 'octocat:new-topic' },
          merged_at: '2011-01-26T19:01:12Z',
        }),
        expect.objectContaining({ number: 11, base: expect.objectContaining({ ref: 'master' }) }),
      ],
    });
    expect((output as { pulls: object[] }).pulls[0]).not.toHaveProperty('merged');
  });

  it('follows the Link header when the first page is not enough', async () => {
    const next = 'https://api.github.com/repositories/1296269/pulls?state=open&per_page=100&page=2';
    githubApi()
      .get('/repos/octocat/Hello-World/pulls')
      .query({ state: 'open', per_page: '100' })
      .reply(
        200,
        Array.from({ length: 100 }, (_, i) => pullSummaryJson(200 - i)),
        { link: `<${next}>; rel="next", <${next}>; rel="last"` },
      )
      .get('/repositories/1296269/pulls')
      .query({ state: 'open', per_page: '100', page: '2' })
      .reply(
        200,
        Array.from({ length: 30 }, (_, i) => pullSummaryJson(100 - i)),
      );

    const output = await runAction(
      connector,
      'pulls.list',
      { owner: 'octocat', repo: 'Hello-World', limit: 120 },
      { auth: connection },
    );
    const pulls = (output as { pulls: Array<{ number: number }> }).pulls;
    expect(pulls).toHaveLength(120);
    expect(pulls.at(-1)?.number).toBe(81);
  });
});
