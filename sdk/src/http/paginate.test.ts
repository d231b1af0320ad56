import { MockAgent } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createHttpClient } from './client.js';

const json = { 'content-type': 'application/json' };

let agent: MockAgent;
beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
});
afterEach(async () => {
  agent.assertNoPendingInterceptors();
  await agent.close();
});

async function collect<T>(items: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of items) out.push(item);
  return out;
}

interface SlackPage {
  channels: { id: string }[];
  response_metadata?: { next_cursor?: string };
}

describe('cursor pagination', () => {
  // Slack's cursor pagination (https://docs.slack.dev/apis/web-api/pagination): `cursor` + `limit`
  // in, `response_metadata.next_cursor` out, empty on the last page.
  const SLACK = 'https://slack.test';
  const strategy = {
    type: 'cursor' as const,
    cursorParam: 'cursor',
    nextCursor: (r: { data: SlackPage }) => r.data.response_metadata?.next_cursor,
    items: (r: { data: SlackPage }) => r.data.channels,
  };

  it('follows next_cursor until it is empty', async () => {
    const pool = agent.get(SLACK);
    pool
      .intercept({ path: '/api/conversations.list?limit=2' })
      .reply(
        200,
        { channels: [{ id: 'C1' }, { id: 'C2' }], response_metadata: { next_cursor: 'dGVhbTpD' } },
        { headers: json },
      );
    pool
      .intercept({ path: '/api/conversations.list?limit=2&cursor=dGVhbTpD' })
      .reply(200, { channels: [{ id: 'C3' }], response_metadata: { next_cursor: '' } }, { headers: json });
    const http = createHttpClient({ baseUrl: `${SLACK}/api`, dispatcher: agent });
    const items = await collect(
      http.paginate<{ id: string }, SlackPage>({ path: '/conversations.list', query: { limit: 2 }, strategy }),
    );
    expect(items.map((c) => c.id)).toEqual(['C1', 'C2', 'C3']);
  });

  it('stops at maxPages and when a cursor repeats', async () => {
    const pool = agent.get(SLACK);
    pool
      .intercept({ path: (p) => p.startsWith('/api/conversations.list') })
      .reply(200, { channels: [{ id: 'C1' }], response_metadata: { next_cursor: 'same' } }, { headers: json })
      .times(2);
    const http = createHttpClient({ baseUrl: `${SLACK}/api`, dispatcher: agent });
    expect(await collect(http.paginate({ path: '/conversations.list', strategy }))).toHaveLength(2);
    pool
      .intercept({ path: (p) => p.startsWith('/api/conversations.list') })
      .reply(200, { channels: [{ id: 'C1' }], response_metadata: { next_cursor: 'more' } }, { headers: json });
    expect(await collect(http.paginate({ path: '/conversations.list', strategy, maxPages: 1 }))).toHaveLength(1);
  });
});

describe('page pagination', () => {
  const API = 'https://api.acme.test';
  const items = (r: { data: { items: number[] } }) => r.data.items;

  it('counts pages from startAt with the size, and stops on a short page', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/items?per_page=2&page=0' }).reply(200, { items: [1, 2] }, { headers: json });
    pool.intercept({ path: '/items?per_page=2&page=1' }).reply(200, { items: [3] }, { headers: json });
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    const all = await collect(
      http.paginate({
        path: '/items',
        strategy: { type: 'page', pageParam: 'page', startAt: 0, sizeParam: 'per_page', size: 2, items },
      }),
    );
    expect(all).toEqual([1, 2, 3]);
  });

  it('stops on an empty page when the size is unknown', async () => {
    const pool = agent.get(API);
    pool.intercept({ path: '/items?page=1' }).reply(200, { items: [1, 2] }, { headers: json });
    pool.intercept({ path: '/items?page=2' }).reply(200, { items: [] }, { headers: json });
    const http = createHttpClient({ baseUrl: API, dispatcher: agent });
    expect(
      await collect(http.paginate({ path: '/items', strategy: { type: 'page', pageParam: 'page', items } })),
    ).toEqual([1, 2]);
  });
});

describe('link pagination', () => {
  // GitHub's `link` header (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api).
  const GH = 'https://api.github.test';
  const items = (r: { data: { number: number }[] }) => r.data;

  it('follows rel="next" until there is none, sending the headers on every page', async () => {
    const pool = agent.get(GH);
    pool
      .intercept({ path: '/repos/o/r/issues?per_page=2', headers: { accept: 'application/vnd.github+json' } })
      .reply(200, [{ number: 1 }, { number: 2 }], {
        headers: {
          ...json,
          link: `<${GH}/repositories/1300192/issues?per_page=2&page=2>; rel="next", <${GH}/repositories/1300192/issues?per_page=2&page=3>; rel="last"`,
        },
      });
    pool
      .intercept({
        path: '/repositories/1300192/issues?per_page=2&page=2',
        headers: { accept: 'application/vnd.github+json' },
      })
      .reply(200, [{ number: 3 }], {
        headers: { ...json, link: `<${GH}/repositories/1300192/issues?per_page=2&page=1>; rel="prev"` },
      });
    const http = createHttpClient({ baseUrl: GH, dispatcher: agent });
    const all = await collect(
      http.paginate({
        path: '/repos/o/r/issues',
        query: { per_page: 2 },
        headers: { accept: 'application/vnd.github+json' },
        strategy: { type: 'link', items },
      }),
    );
    expect(all.map((i) => i.number)).toEqual([1, 2, 3]);
  });

  it('refuses a next link to another host, so the credentials stay home', async () => {
    agent
      .get(GH)
      .intercept({ path: '/issues' })
      .reply(200, [{ number: 1 }], { headers: { ...json, link: '<https://evil.test/steal>; rel="next"' } });
    const http = createHttpClient({ baseUrl: GH, dispatcher: agent, actionKey: 'issues.list' });
    const seen: number[] = [];
    const error = await (async () => {
      for await (const issue of http.paginate({ path: '/issues', strategy: { type: 'link', items } }))
        seen.push(issue.number);
    })().catch((e) => e);
    expect(seen).toEqual([1]);
    expect(error).toMatchObject({
      kind: 'unknown',
      actionKey: 'issues.list',
      message: expect.stringContaining('points at another host (https://evil.test)'),
    });
  });
});
