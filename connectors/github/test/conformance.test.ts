import { createHmac } from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import type { WebhookRequest } from '@mova/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import { type GitHubMock, type Served, startGitHubMock } from './prism.js';

/*
 * Every action and both triggers through the sandbox users run them in, against GitHub's own REST
 * description (@octokit/openapi, api.github.com) served by Prism (see prism.ts). Prism checks each
 * request against the description and answers with the description's examples, so the outputs below
 * are those examples as the connector maps them. The connection points `baseUrl` at the mock as at an
 * Enterprise Server: the sandbox lets the connector reach it through its own network.connectionHosts.
 *
 * Prism does not check the request bodies of issues/create and issues/update (a body without a title,
 * or with state "bogus", passes), and the description lets workflow dispatch inputs hold anything;
 * the tests compare those bodies with what GitHub documents themselves.
 */

// Prism starts in seconds with the paths the connector calls, but slower on a busy machine.
vi.setConfig({ hookTimeout: 180_000, testTimeout: 30_000 });

const token = 'ghp_mova_conformance_not_a_real_token';
const at = { owner: 'octocat', repo: 'Hello-World' };
const repo = '/repos/octocat/Hello-World';

let mock: GitHubMock;
let github: ConnectorUnderTest;

beforeAll(async () => {
  mock = await startGitHubMock();
  console.info(`Prism answered ${mock.startMs} ms after it was started`);
  github = await loadConnector({ dir: new URL('..', import.meta.url) });
});
afterAll(async () => {
  await github?.close();
  await mock?.close();
});
// Every test asserts the requests it made; none may be left unchecked.
afterEach(() => expect(mock.take()).toEqual([]));

const auth = (prefer?: string) => ({ token, baseUrl: mock.baseUrl(prefer) });

/** A request the mock served that met GitHub's description (no violations). */
const served = (method: string, path: string, extra: Partial<Served> = {}): Served => ({
  method,
  path,
  query: {},
  body: undefined,
  status: 200,
  violations: [],
  ...extra,
});

/** Pages 1 to `count` of a list: Octokit follows the Link header, which asks for page 2 onwards. */
const pages = (path: string, query: Record<string, string>, count: number): Served[] =>
  Array.from({ length: count }, (_, i) =>
    served('GET', path, { query: i === 0 ? query : { ...query, page: `${i + 1}` } }),
  );

// The description's examples, as the connector's outputs carry them.
const octocat = { login: 'octocat', id: 1, type: 'User', html_url: 'https://github.com/octocat' };
const bug = { name: 'bug', color: 'f29513', description: "Something isn't working" };

const issue = {
  id: 1,
  number: 1347,
  title: 'Found a bug',
  body: "I'm having a problem with this.",
  state: 'open',
  state_reason: 'completed',
  html_url: 'https://github.com/octocat/Hello-World/issues/1347',
  user: octocat,
  labels: [bug],
  assignees: [octocat],
  milestone: { number: 1, title: 'v1.0' },
  comments: 0,
  locked: true,
  // GitHub's example issue is a pull request's issue.
  pull_request: { html_url: 'https://github.com/octocat/Hello-World/pull/1347' },
  created_at: '2011-04-22T13:33:48Z',
  updated_at: '2011-04-22T13:33:48Z',
  closed_at: null,
};

const branch = (ref: string) => ({ ref, sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e', label: `octocat:${ref}` });
const pullSummary = {
  id: 1,
  number: 1347,
  title: 'Amazing new feature',
  body: 'Please pull these awesome changes in!',
  state: 'open',
  draft: false,
  html_url: 'https://github.com/octocat/Hello-World/pull/1347',
  user: octocat,
  labels: [bug],
  head: branch('new-topic'),
  base: branch('master'),
  merged_at: '2011-01-26T19:01:12Z',
  created_at: '2011-01-26T19:01:12Z',
  updated_at: '2011-01-26T19:01:12Z',
  closed_at: '2011-01-26T19:01:12Z',
};
const pull = {
  ...pullSummary,
  merged: false,
  mergeable: true,
  mergeable_state: 'clean',
  comments: 10,
  commits: 3,
  additions: 100,
  deletions: 3,
  changed_files: 5,
};

const release = {
  id: 1,
  tag_name: 'v1.0.0',
  name: 'v1.0.0',
  body: 'Description of the release',
  draft: false,
  prerelease: false,
  target_commitish: 'master',
  html_url: 'https://github.com/octocat/Hello-World/releases/v1.0.0',
  tarball_url: 'https://api.github.com/repos/octocat/Hello-World/tarball/v1.0.0',
  zipball_url: 'https://api.github.com/repos/octocat/Hello-World/zipball/v1.0.0',
  author: octocat,
  assets: [
    {
      name: 'example.zip',
      content_type: 'application/zip',
      size: 1024,
      download_count: 42,
      browser_download_url: 'https://github.com/octocat/Hello-World/releases/download/v1.0.0/example.zip',
    },
  ],
  created_at: '2013-02-27T19:35:32Z',
  published_at: '2013-02-27T19:35:32Z',
};

describe('issues', () => {
  it('issues.create posts the issue and returns it', async () => {
    const input = { title: 'Found a bug', body: 'It crashes.', labels: ['bug'], assignees: ['octocat'], milestone: 1 };
    const result = await github.run('issues.create', { ...at, ...input }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: issue, isolation: 'worker' });
    expect(mock.take()).toEqual([served('POST', `${repo}/issues`, { body: input, status: 201 })]);
  });

  it('issues.get reads one issue', async () => {
    const result = await github.run('issues.get', { ...at, issue_number: 1347 }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: issue });
    expect(mock.take()).toEqual([served('GET', `${repo}/issues/1347`)]);
  });

  it('issues.list follows the Link header on the mock and leaves out pull requests', async () => {
    // The example page holds one issue, a pull request; its Link header names 5 pages.
    const result = await github.run('issues.list', at, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: { issues: [] } });
    expect(mock.take()).toEqual(pages(`${repo}/issues`, { state: 'open', per_page: '30' }, 5));
  });

  it('issues.list sends every filter and stops at the limit', async () => {
    const filters = {
      state: 'all',
      labels: ['bug', 'ui'],
      assignee: '*',
      creator: 'octocat',
      since: '2011-04-01T00:00:00Z',
      sort: 'updated',
      direction: 'asc',
    };
    const input = { ...at, ...filters, include_pull_requests: true, limit: 3 };
    const result = await github.run('issues.list', input, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: { issues: [issue, issue, issue] } });
    const query = { ...filters, labels: 'bug,ui', per_page: '3' };
    expect(mock.take()).toEqual(pages(`${repo}/issues`, query, 3));
  });

  it('issues.update sends only the fields given', async () => {
    const change = { state: 'closed', state_reason: 'not_planned', labels: [], assignees: [], milestone: null };
    const result = await github.run('issues.update', { ...at, issue_number: 1347, ...change }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: issue });
    expect(mock.take()).toEqual([served('PATCH', `${repo}/issues/1347`, { body: change })]);
  });

  it('issues.createComment posts the comment', async () => {
    const result = await github.run(
      'issues.createComment',
      { ...at, issue_number: 1347, body: 'Me too' },
      { auth: auth() },
    );
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        id: 1,
        body: 'Me too',
        html_url: 'https://github.com/octocat/Hello-World/issues/1347#issuecomment-1',
        user: octocat,
        created_at: '2011-04-14T16:00:49Z',
        updated_at: '2011-04-14T16:00:49Z',
      },
    });
    expect(mock.take()).toEqual([
      served('POST', `${repo}/issues/1347/comments`, { body: { body: 'Me too' }, status: 201 }),
    ]);
  });

  it('issues.addLabels adds labels and returns all of them', async () => {
    const labels = ['bug', 'enhancement'];
    const result = await github.run('issues.addLabels', { ...at, issue_number: 1347, labels }, { auth: auth() });
    expect(result).toMatchObject({
      status: 'completed',
      output: { labels: [bug, { name: 'enhancement', color: 'a2eeef', description: 'New feature or request' }] },
    });
    expect(mock.take()).toEqual([served('POST', `${repo}/issues/1347/labels`, { body: { labels } })]);
  });
});

describe('pull requests', () => {
  it('pulls.list sends the filters and follows the Link header to the limit', async () => {
    const filters = { state: 'all', head: 'octocat:new-topic', base: 'master', sort: 'popularity', direction: 'desc' };
    const result = await github.run('pulls.list', { ...at, ...filters, limit: 2 }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: { pulls: [pullSummary, pullSummary] } });
    expect(mock.take()).toEqual(pages(`${repo}/pulls`, { ...filters, per_page: '2' }, 2));
  });

  it('pulls.get reads one pull request with its merge state', async () => {
    const result = await github.run('pulls.get', { ...at, pull_number: 1347 }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: pull });
    expect(mock.take()).toEqual([served('GET', `${repo}/pulls/1347`)]);
  });

  it('pulls.create opens a pull request', async () => {
    const input = {
      title: 'Amazing new feature',
      head: 'octocat:new-topic',
      base: 'master',
      body: 'Please pull these awesome changes in!',
      draft: true,
      maintainer_can_modify: true,
    };
    const result = await github.run('pulls.create', { ...at, ...input }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: pull });
    expect(mock.take()).toEqual([served('POST', `${repo}/pulls`, { body: input, status: 201 })]);
  });

  it('pulls.merge merges with the method, message and expected head', async () => {
    const input = {
      merge_method: 'squash',
      commit_title: 'Amazing new feature (#1347)',
      commit_message: 'Squashed.',
      sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
    };
    const result = await github.run('pulls.merge', { ...at, pull_number: 1347, ...input }, { auth: auth() });
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        merged: true,
        sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
        message: 'Pull Request successfully merged',
      },
    });
    expect(mock.take()).toEqual([served('PUT', `${repo}/pulls/1347/merge`, { body: input })]);
  });
});

describe('repositories and releases', () => {
  it('repos.get reads the repository', async () => {
    const result = await github.run('repos.get', at, { auth: auth() });
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        id: 1296269,
        name: 'Hello-World',
        full_name: 'octocat/Hello-World',
        owner: { login: 'octocat' },
        private: false,
        visibility: 'public',
        html_url: 'https://github.com/octocat/Hello-World',
        description: 'This your first repo!',
        default_branch: 'master',
        language: null,
        topics: ['octocat', 'atom', 'electron', 'api'],
        fork: false,
        archived: false,
        stargazers_count: 80,
        forks_count: 9,
        open_issues_count: 0,
        created_at: '2011-01-26T19:01:12Z',
        updated_at: '2011-01-26T19:14:43Z',
        pushed_at: '2011-01-26T19:06:43Z',
      },
    });
    expect(mock.take()).toEqual([served('GET', repo)]);
  });

  it('releases.create publishes a release', async () => {
    const input = {
      tag_name: 'v1.0.0',
      target_commitish: 'master',
      name: 'v1.0.0',
      body: 'Description of the release',
      draft: false,
      prerelease: false,
      generate_release_notes: true,
      make_latest: 'true',
    };
    const result = await github.run('releases.create', { ...at, ...input }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: release });
    expect(mock.take()).toEqual([served('POST', `${repo}/releases`, { body: input, status: 201 })]);
  });

  it('releases.list walks every page the Link header names, then stops', async () => {
    const result = await github.run('releases.list', { ...at, limit: 100 }, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: { releases: Array(5).fill(release) } });
    expect(mock.take()).toEqual(pages(`${repo}/releases`, { per_page: '100' }, 5));
  });

  it('releases.getLatest reads the latest release', async () => {
    const result = await github.run('releases.getLatest', at, { auth: auth() });
    expect(result).toMatchObject({ status: 'completed', output: release });
    expect(mock.take()).toEqual([served('GET', `${repo}/releases/latest`)]);
  });
});

describe('workflows.dispatch', () => {
  // Regression: numbers and booleans went out as JSON values; GitHub takes only strings. The description
  // allows any value there, so Prism cannot tell: the body is checked here.
  it('sends numbers and booleans as strings; GitHub answers 204', async () => {
    const input = {
      ...at,
      workflow_id: 'deploy.yml',
      ref: 'main',
      inputs: { environment: 'staging', dry_run: true, replicas: 3 },
    };
    // 204 is GitHub's answer unless return_run_details asks for the run; Prism would pick the 200.
    const result = await github.run('workflows.dispatch', input, { auth: auth('code=204') });
    expect(result).toMatchObject({
      status: 'completed',
      output: { dispatched: true, workflow_id: 'deploy.yml', ref: 'main' },
    });
    const inputs = { environment: 'staging', dry_run: 'true', replicas: '3' };
    expect(mock.take()).toEqual([
      served('POST', `${repo}/actions/workflows/deploy.yml/dispatches`, { body: { ref: 'main', inputs }, status: 204 }),
    ]);
  });

  it('sends objects and arrays as JSON text', async () => {
    const input = {
      ...at,
      workflow_id: 'deploy.yml',
      ref: 'main',
      inputs: { regions: ['eu', 'us'], limits: { cpu: 2 } },
    };
    const result = await github.run('workflows.dispatch', input, { auth: auth('code=204') });
    expect(result).toMatchObject({ status: 'completed' });
    const inputs = { regions: '["eu","us"]', limits: '{"cpu":2}' };
    expect(mock.take()).toEqual([
      served('POST', `${repo}/actions/workflows/deploy.yml/dispatches`, { body: { ref: 'main', inputs }, status: 204 }),
    ]);
  });

  // The description says oneOf [integer, string] for workflow_id, which no number in a path can meet
  // (it is both); github-description.ts reads it as anyOf, which is what GitHub accepts.
  it('takes a numeric workflow id', async () => {
    const input = { ...at, workflow_id: 161335, ref: 'v1.0.0' };
    const result = await github.run('workflows.dispatch', input, { auth: auth('code=204') });
    expect(result).toMatchObject({ status: 'completed', output: { dispatched: true, workflow_id: 161335 } });
    expect(mock.take()).toEqual([
      served('POST', `${repo}/actions/workflows/161335/dispatches`, { body: { ref: 'v1.0.0' }, status: 204 }),
    ]);
  });
});

describe('search', () => {
  // Regression: GitHub's answer has search_type before items, and Octokit's paginator took it for the
  // item list ("Cannot create property 'incomplete_results' on string 'hybrid'").
  it('search.issues reads the items of an answer that starts with search_type', async () => {
    const input = { q: 'windows label:bug language:python state:open', sort: 'created', order: 'asc', limit: 5 };
    const result = await github.run('search.issues', input, { auth: auth() });
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        total_count: 280,
        incomplete_results: false,
        items: [
          {
            id: 35802,
            number: 132,
            title: 'Line Number Indexes Beyond 20 Not Displayed',
            html_url: 'https://github.com/batterseapower/pinyin-toolkit/issues/132',
            user: { login: 'Nick3C', id: 90254 },
            labels: [{ name: 'bug', color: 'ff0000' }],
            comments: 15,
          },
        ],
      },
    });
    const { limit: _, ...query } = input;
    expect(mock.take()).toEqual([served('GET', '/search/issues', { query: { ...query, per_page: '5' } })]);
  });

  it('search.repositories reads the documented items', async () => {
    const input = { q: 'tetris language:assembly', sort: 'stars', order: 'desc', limit: 10 };
    const result = await github.run('search.repositories', input, { auth: auth() });
    expect(result).toMatchObject({
      status: 'completed',
      output: {
        total_count: 40,
        incomplete_results: false,
        items: [{ id: 3081286, full_name: 'dtrupenn/Tetris', language: 'Assembly', archived: true }],
      },
    });
    const { limit: _, ...query } = input;
    expect(mock.take()).toEqual([served('GET', '/search/repositories', { query: { ...query, per_page: '10' } })]);
  });
});

describe('issues.new', () => {
  it('reads the newest issues on each poll; the example holds only a pull request, so nothing fires', async () => {
    // The unit test beside the trigger covers emitting new issues; here the point is the request.
    const input = { ...at, labels: ['bug'] };
    const first = await github.poll('issues.new', input, { auth: auth() });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    const second = await github.poll('issues.new', input, { auth: auth(), state: first.state });
    expect(second).toMatchObject({ status: 'completed', items: [] });
    const query = { labels: 'bug', state: 'all', sort: 'created', direction: 'desc', per_page: '50' };
    expect(mock.take()).toEqual([
      served('GET', `${repo}/issues`, { query }),
      served('GET', `${repo}/issues`, { query }),
    ]);
  });
});

describe('issues.opened', () => {
  const url = 'https://mova.example.test/hooks/triggers/triage';

  /** A delivery as GitHub sends it, signed with `secret` in X-Hub-Signature-256. */
  const delivery = (payload: unknown, secret: string): WebhookRequest => {
    const rawBody = JSON.stringify(payload);
    return {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        'x-github-event': 'issues',
        'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`,
      },
      query: {},
      body: payload,
      rawBody,
    };
  };

  it('creates a repository hook for issues events with its own secret, checks deliveries with it, and deletes the hook', async () => {
    const subscribed = await github.subscribe('issues.opened', at, url, { auth: auth() });
    expect(subscribed).toMatchObject({ status: 'completed', subscription: { hookId: 12345678 } });
    const subscription = subscribed.subscription ?? {};
    const secret = String(subscription.secret);
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    expect(mock.take()).toEqual([
      served('POST', `${repo}/hooks`, {
        status: 201,
        body: {
          name: 'web',
          active: true,
          events: ['issues'],
          config: { url, content_type: 'json', secret, insecure_ssl: '0' },
        },
      }),
    ]);

    // Deliveries never reach GitHub: verify and parse run in the sandbox on what serve received.
    const opened = delivery({ action: 'opened', issue }, secret);
    const genuine = await github.deliver('issues.opened', at, opened, subscription, { auth: auth() });
    expect(genuine).toMatchObject({ status: 'completed', verified: true, items: [issue] });
    const forged = await github.deliver(
      'issues.opened',
      at,
      delivery({ action: 'opened', issue }, 'guessed'),
      subscription,
      {
        auth: auth(),
      },
    );
    expect(forged).toMatchObject({ status: 'completed', verified: false });
    expect(forged.items).toBeUndefined();

    const removed = await github.unsubscribe('issues.opened', at, subscription, { auth: auth() });
    expect(removed).toMatchObject({ status: 'completed' });
    // A hook deleted already (GitHub answers 404) counts as unsubscribed.
    const gone = await github.unsubscribe('issues.opened', at, subscription, { auth: auth('code=404') });
    expect(gone).toMatchObject({ status: 'completed' });
    expect(mock.take()).toEqual([
      served('DELETE', `${repo}/hooks/12345678`, { status: 204 }),
      served('DELETE', `${repo}/hooks/12345678`, { status: 404 }),
    ]);
  });

  it('a refused subscribe is auth, with GitHub’s answer', async () => {
    const refused = await github.subscribe('issues.opened', at, url, { auth: auth('code=403') });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(mock.take()).toEqual([served('POST', `${repo}/hooks`, { status: 403, body: expect.any(Object) })]);
  });
});

describe('failures GitHub describes', () => {
  it('404 is not_found', async () => {
    const result = await github.run('issues.get', { ...at, issue_number: 1347 }, { auth: auth('code=404') });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, actionKey: 'issues.get' },
    });
    expect(mock.take()).toEqual([served('GET', `${repo}/issues/1347`, { status: 404 })]);
  });

  it('401 and 403 are auth', async () => {
    const refused = await github.run('search.issues', { q: 'is:issue' }, { auth: auth('code=401') });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    const forbidden = await github.run('repos.get', at, { auth: auth('code=403') });
    expect(forbidden).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(mock.take()).toEqual([
      served('GET', '/search/issues', { query: { q: 'is:issue', per_page: '30' }, status: 401 }),
      served('GET', repo, { status: 403 }),
    ]);
  });

  it('405 and 409 from a merge are conflict, with GitHub’s message', async () => {
    const input = { ...at, pull_number: 1347 };
    const notMergeable = await github.run('pulls.merge', input, { auth: auth('code=405') });
    expect(notMergeable).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 405 } });
    expect(notMergeable.error?.message).toContain('Pull Request is not mergeable');
    const moved = await github.run('pulls.merge', input, { auth: auth('code=409') });
    expect(moved).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    expect(moved.error?.message).toContain('Head branch was modified. Review and try the merge again.');
    expect(mock.take()).toEqual([
      served('PUT', `${repo}/pulls/1347/merge`, { status: 405 }),
      served('PUT', `${repo}/pulls/1347/merge`, { status: 409 }),
    ]);
  });

  it('422 is invalid_input', async () => {
    const result = await github.run('issues.create', { ...at, title: 'x' }, { auth: auth('code=422') });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 422 } });
    expect(mock.take()).toEqual([served('POST', `${repo}/issues`, { body: { title: 'x' }, status: 422 })]);
  });

  it('input the manifest rejects never reaches GitHub', async () => {
    await expect(github.run('issues.create', at, { auth: auth() })).rejects.toThrow(/title is required/);
    expect(mock.take()).toEqual([]);
  });

  it('the mock does check requests: one that breaks the description is named', async () => {
    // Not through the connector (it sends none): proves the empty violation lists above mean something.
    const answer = await fetch(`${mock.baseUrl()}/search/issues?per_page=30`);
    expect(answer.status).toBe(422);
    expect(mock.take()).toEqual([
      served('GET', '/search/issues', {
        query: { per_page: '30' },
        status: 422,
        violations: [expect.objectContaining({ location: ['request', 'query'], code: 'required' })],
      }),
    ]);
  });
});
