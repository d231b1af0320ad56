import { runAction } from '@mova/sdk';
import { getGlobalDispatcher, MockAgent, setGlobalDispatcher } from 'undici';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import connector from '../index.js';

// Page shapes from the vendors' docs: GitHub's Link header
// (https://docs.github.com/en/rest/using-the-rest-api/using-pagination-in-the-rest-api), Slack's cursor
// (https://docs.slack.dev/apis/web-api/pagination), and page/per_page numbering as in GitLab's REST API
// (https://docs.gitlab.com/api/rest/#offset-based-pagination).
const json = { 'content-type': 'application/json; charset=utf-8' };
const original = getGlobalDispatcher();
let agent: MockAgent;

beforeEach(() => {
  agent = new MockAgent();
  agent.disableNetConnect();
  setGlobalDispatcher(agent);
});
afterEach(async () => {
  setGlobalDispatcher(original);
  agent.assertNoPendingInterceptors();
  await agent.close();
});

const run = (input: unknown, auth: unknown = {}) => runAction(connector, 'request', input, { auth });

describe('request with pagination', () => {
  it('follows the Link header and returns every item with the page count', async () => {
    const GH = 'https://api.github.com';
    const pool = agent.get(GH);
    pool
      .intercept({
        path: '/repos/octocat/Hello-World/issues?state=open&per_page=2',
        headers: { authorization: 'Bearer ghp_1' },
      })
      .reply(200, [{ number: 1 }, { number: 2 }], {
        headers: { ...json, link: `<${GH}/repositories/1296269/issues?state=open&per_page=2&page=2>; rel="next"` },
      });
    pool
      .intercept({
        path: '/repositories/1296269/issues?state=open&per_page=2&page=2',
        headers: { authorization: 'Bearer ghp_1' },
      })
      .reply(200, [{ number: 3 }], { headers: json });
    const output = await run(
      { url: '/repos/octocat/Hello-World/issues', query: { state: 'open', per_page: 2 }, pagination: { type: 'link' } },
      { kind: 'bearer', baseUrl: GH, token: 'ghp_1' },
    );
    expect(output).toEqual({
      status: 200,
      headers: expect.objectContaining(json),
      url: `${GH}/repositories/1296269/issues?state=open&per_page=2&page=2`,
      data: [{ number: 1 }, { number: 2 }, { number: 3 }],
      pages: 2,
    });
  });

  it('counts pages until a short page, reading items at itemsPath', async () => {
    const pool = agent.get('https://gitlab.test');
    pool
      .intercept({ path: '/api/v4/projects?per_page=2&page=1' })
      .reply(200, { data: [{ id: 1 }, { id: 2 }] }, { headers: json });
    pool.intercept({ path: '/api/v4/projects?per_page=2&page=2' }).reply(200, { data: [{ id: 3 }] }, { headers: json });
    const output = await run({
      url: 'https://gitlab.test/api/v4/projects',
      pagination: { type: 'page', pageParam: 'page', sizeParam: 'per_page', size: 2, itemsPath: 'data' },
    });
    expect(output).toMatchObject({ data: [{ id: 1 }, { id: 2 }, { id: 3 }], pages: 2 });
  });

  it('passes the cursor found at nextCursorPath until it is empty', async () => {
    const pool = agent.get('https://slack.test');
    pool
      .intercept({ path: '/api/users.list?limit=2' })
      .reply(
        200,
        { ok: true, members: [{ id: 'U1' }, { id: 'U2' }], response_metadata: { next_cursor: 'dXNlcjpVMEc5V0ZYTlo=' } },
        { headers: json },
      );
    pool
      .intercept({ path: '/api/users.list?limit=2&cursor=dXNlcjpVMEc5V0ZYTlo%3D' })
      .reply(200, { ok: true, members: [{ id: 'U3' }], response_metadata: { next_cursor: '' } }, { headers: json });
    const output = await run({
      url: 'https://slack.test/api/users.list',
      query: { limit: 2 },
      pagination: {
        type: 'cursor',
        cursorParam: 'cursor',
        nextCursorPath: 'response_metadata.next_cursor',
        itemsPath: 'members',
      },
    });
    expect(output).toMatchObject({ data: [{ id: 'U1' }, { id: 'U2' }, { id: 'U3' }], pages: 2 });
  });

  it('stops at maxPages', async () => {
    agent
      .get('https://gitlab.test')
      .intercept({ path: '/api/v4/projects?page=1' })
      .reply(200, [{ id: 1 }], { headers: json });
    const output = await run({
      url: 'https://gitlab.test/api/v4/projects',
      pagination: { type: 'page', pageParam: 'page' },
      maxPages: 1,
    });
    expect(output).toMatchObject({ data: [{ id: 1 }], pages: 1 });
  });

  it('says so when itemsPath finds no list', async () => {
    agent
      .get('https://slack.test')
      .intercept({ path: '/api/users.list' })
      .reply(200, { ok: true, members: [] }, { headers: json });
    await expect(
      run({ url: 'https://slack.test/api/users.list', pagination: { type: 'link', itemsPath: 'users' } }),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      message:
        'itemsPath "users" leads to nothing in the response from https://slack.test/api/users.list, not to a list',
    });
  });

  it('only paginates GET requests', async () => {
    await expect(
      run({ method: 'POST', url: 'https://slack.test/api/users.list', pagination: { type: 'link' } }),
    ).rejects.toMatchObject({
      kind: 'invalid_input',
      message: 'pagination works on GET requests without a body that answer JSON',
    });
  });
});
