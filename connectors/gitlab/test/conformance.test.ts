import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type GitlabReference, OAUTH_TOKEN, startGitlab, TOKEN } from './gitlab-api.js';

// Every action and both polling triggers through the sandbox users run them in (worker thread,
// egress limited to the host the connection's url names), against the loopback GitLab of
// gitlab-api.ts (its header names the REST API v4 pages each route follows). The instance is
// reached the way a self-managed GitLab is: through the connection's `url`
// (network.connectionHosts), not a test-only allowance. Outputs are checked against what the
// server holds, and requests against what GitLab must receive.
let gitlab: GitlabReference;
let connector: ConnectorUnderTest;
let auth: { url: string; token: string };

beforeAll(async () => {
  gitlab = await startGitlab();
  gitlab.addProject({ id: 42, path: 'acme/api', name: 'API', branches: ['main', 'fix/checkout-limit', 'feature/x'] });
  gitlab.addProject({ id: 43, path: 'acme/web', name: 'Web' });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { url: gitlab.url, token: TOKEN };
});
afterAll(async () => {
  await connector?.close();
  await gitlab?.close();
});

type Out = Record<string, unknown>;
const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => gitlab.server.requests.at(-1);

describe('every example in the manifest', () => {
  it('runs in a story order against the instance', async () => {
    const order = [
      'projects.get',
      'issues.create',
      'issues.get',
      'issues.list',
      'issues.comment',
      'issues.update',
      'mergeRequests.create',
      'mergeRequests.get',
      'mergeRequests.list',
      'mergeRequests.comment',
      'mergeRequests.merge',
      'pipelines.create',
      'pipelines.get',
      'pipelines.list',
    ];
    const keys = connector.manifest.actions.map((a) => a.key);
    expect([...keys].sort()).toEqual([...order].sort());
    for (const key of order) {
      const action = connector.manifest.actions.find((a) => a.key === key);
      for (const example of action?.examples ?? []) {
        const output = await run(key, example.input);
        if (example.output !== undefined) expect(output, key).toEqual(example.output);
      }
    }
    expect(gitlab.issues.find((i) => i.iid === 1 && i.project_id === 42)).toMatchObject({
      title: 'Checkout fails for carts over 100 items',
      state: 'closed',
      labels: ['bug', 'checkout', 'fixed'],
    });
    expect(gitlab.mergeRequests[0]).toMatchObject({ state: 'merged', squash: true });
    expect(gitlab.branches.get(42)?.has('fix/checkout-limit')).toBe(false);
    expect(gitlab.pipelines[0]).toMatchObject({ ref: 'main', variables: [{ key: 'DEPLOY_ENV', value: 'staging' }] });
    expect(gitlab.server.unmatched).toEqual([]);
  });
});

describe('issues', () => {
  it('creates, reads, updates and comments, sending what GitLab expects', async () => {
    const created = await run('issues.create', {
      project: 'acme/web',
      title: 'Logo is blurry',
      description: 'On retina screens.',
      labels: ['design', 'ui'],
      assigneeIds: [7],
      dueDate: '2026-02-01',
      confidential: true,
    });
    expect(last()).toMatchObject({
      method: 'POST',
      path: '/api/v4/projects/acme%2Fweb/issues',
      headers: { 'private-token': TOKEN, 'content-type': 'application/json' },
      body: {
        title: 'Logo is blurry',
        description: 'On retina screens.',
        labels: 'design,ui',
        assignee_ids: [7],
        due_date: '2026-02-01',
        confidential: true,
      },
    });
    const held = gitlab.issues.at(-1);
    expect(created).toEqual({
      id: held?.id,
      iid: 1,
      projectId: 43,
      title: 'Logo is blurry',
      description: 'On retina screens.',
      state: 'opened',
      labels: ['design', 'ui'],
      assignees: ['ada'],
      author: { id: 7, username: 'ada', name: 'Ada Lovelace' },
      milestone: null,
      dueDate: '2026-02-01',
      confidential: true,
      webUrl: `${gitlab.url}/acme/web/-/issues/1`,
      createdAt: held?.created_at,
      updatedAt: held?.updated_at,
      closedAt: null,
    });
    expect(await run('issues.get', { project: '43', issueIid: 1 })).toEqual(created);
    expect(last()?.path).toBe('/api/v4/projects/43/issues/1');

    const updated = await run('issues.update', {
      project: 'acme/web',
      issueIid: 1,
      title: 'Logo is blurry on retina',
      removeLabels: ['ui'],
      stateEvent: 'close',
    });
    expect(last()?.body).toEqual({ title: 'Logo is blurry on retina', remove_labels: 'ui', state_event: 'close' });
    expect(updated).toMatchObject({ title: 'Logo is blurry on retina', labels: ['design'], state: 'closed' });
    expect(updated.closedAt).toEqual(expect.stringMatching(/^2026-/));

    const note = await run('issues.comment', { project: 'acme/web', issueIid: 1, body: 'Fixed in !3', internal: true });
    expect(last()).toMatchObject({ method: 'POST', path: '/api/v4/projects/acme%2Fweb/issues/1/notes' });
    expect(note).toEqual({
      id: gitlab.notes.at(-1)?.id,
      body: 'Fixed in !3',
      author: { id: 7, username: 'ada', name: 'Ada Lovelace' },
      internal: true,
      createdAt: gitlab.notes.at(-1)?.created_at,
    });
  });

  it('lists page by page with the paging headers, and filters on the server', async () => {
    for (let n = 1; n <= 5; n++)
      gitlab.addIssue(43, { title: `Batch ${n}`, labels: n % 2 ? ['batch', 'odd'] : ['batch'] });
    const first = await run('issues.list', { project: 'acme/web', labels: ['batch'], perPage: 2 });
    expect(last()?.query.get('labels')).toBe('batch');
    expect(last()?.query.get('state')).toBe('opened');
    expect(first).toMatchObject({ nextPage: 2, total: 5 });
    expect((first.issues as Out[]).map((i) => i.title)).toEqual(['Batch 5', 'Batch 4']);
    const third = await run('issues.list', { project: 'acme/web', labels: ['batch'], perPage: 2, page: 3 });
    expect(third).toMatchObject({ nextPage: null, total: 5 });
    expect((third.issues as Out[]).map((i) => i.title)).toEqual(['Batch 1']);

    const odd = await run('issues.list', { project: 'acme/web', labels: ['batch', 'odd'], sort: 'asc' });
    expect((odd.issues as Out[]).map((i) => i.title)).toEqual(['Batch 1', 'Batch 3', 'Batch 5']);
    const closed = await run('issues.list', { project: 'acme/web', state: 'closed' });
    expect((closed.issues as Out[]).map((i) => i.title)).toEqual(['Logo is blurry on retina']);
    const everywhere = await run('issues.list', { search: 'batch 2', state: 'all' });
    expect(last()).toMatchObject({ path: '/api/v4/issues' });
    expect(last()?.query.get('scope')).toBe('all');
    expect((everywhere.issues as Out[]).map((i) => i.title)).toEqual(['Batch 2']);
  });
});

describe('merge requests and pipelines', () => {
  it('opens, lists, comments and merges with the head sha; refuses what GitLab refuses', async () => {
    const mr = await run('mergeRequests.create', {
      project: 'acme/api',
      sourceBranch: 'feature/x',
      targetBranch: 'main',
      title: 'Add feature X',
      labels: ['feature'],
      reviewerIds: [7],
      squash: true,
    });
    expect(last()?.body).toEqual({
      source_branch: 'feature/x',
      target_branch: 'main',
      title: 'Add feature X',
      labels: 'feature',
      reviewer_ids: [7],
      squash: true,
    });
    expect(mr).toMatchObject({
      iid: 2,
      state: 'opened',
      sourceBranch: 'feature/x',
      targetBranch: 'main',
      draft: false,
      detailedMergeStatus: 'mergeable',
      labels: ['feature'],
      mergedAt: null,
    });

    const again = await fail('mergeRequests.create', {
      project: 'acme/api',
      sourceBranch: 'feature/x',
      targetBranch: 'main',
      title: 'Twice',
    });
    expect(again).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', message: expect.stringContaining('Another open merge request already exists') },
    });

    const listed = await run('mergeRequests.list', { project: '42', state: 'all', perPage: 1 });
    expect(listed).toMatchObject({ total: 2, nextPage: 2 });
    expect((listed.mergeRequests as Out[])[0]).toEqual(mr);
    const merged = await run('mergeRequests.list', { project: 'acme/api', state: 'merged' });
    expect((merged.mergeRequests as Out[]).map((m) => m.iid)).toEqual([1]);

    const note = await run('mergeRequests.comment', { project: 'acme/api', mergeRequestIid: 2, body: 'LGTM' });
    expect(note).toMatchObject({ body: 'LGTM', internal: false });

    const stale = await fail('mergeRequests.merge', { project: 'acme/api', mergeRequestIid: 2, sha: 'deadbeef' });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    const result = await run('mergeRequests.merge', { project: 'acme/api', mergeRequestIid: 2, sha: String(mr.sha) });
    expect(last()).toMatchObject({ method: 'PUT', path: '/api/v4/projects/acme%2Fapi/merge_requests/2/merge' });
    expect(result).toMatchObject({ state: 'merged', mergeCommitSha: expect.stringMatching(/^b+0+\d+$/) });
    expect(await fail('mergeRequests.merge', { project: 'acme/api', mergeRequestIid: 2 })).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 405 },
    });
    expect(await run('mergeRequests.get', { project: 'acme/api', mergeRequestIid: 2 })).toEqual(result);
  });

  it('runs a pipeline with variables, reads it and lists by status', async () => {
    const pipeline = await run('pipelines.create', {
      project: 'acme/api',
      ref: 'main',
      variables: [{ key: 'SECRET_FILE', value: 'x=1', variableType: 'file' }],
    });
    expect(last()).toMatchObject({ path: '/api/v4/projects/acme%2Fapi/pipeline' });
    expect(last()?.body).toEqual({
      ref: 'main',
      variables: [{ key: 'SECRET_FILE', value: 'x=1', variable_type: 'file' }],
    });
    expect(pipeline).toMatchObject({ status: 'created', source: 'api', ref: 'main', projectId: 42 });
    expect(await run('pipelines.get', { project: 'acme/api', pipelineId: pipeline.id })).toEqual(pipeline);
    const target = gitlab.pipelines.find((p) => p.id === pipeline.id);
    if (target) target.status = 'failed';
    const failed = await run('pipelines.list', { project: 'acme/api', status: 'failed' });
    expect(last()?.query.get('status')).toBe('failed');
    expect((failed.pipelines as Out[]).map((p) => p.id)).toEqual([pipeline.id]);
    expect(await fail('pipelines.create', { project: 'acme/api', ref: 'no-such-branch' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, message: expect.stringContaining('base Reference not found') },
    });
  });
});

describe('triggers', () => {
  it('emit each new issue once, oldest first, after the first poll records what exists', async () => {
    const first = await connector.poll('issues.new', { project: 'acme/api' }, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(last()?.query.get('order_by')).toBe('created_at');
    gitlab.addIssue(42, { title: 'New one' });
    gitlab.addIssue(42, { title: 'Newer one' });
    const second = await connector.poll('issues.new', { project: 'acme/api' }, { auth, state: first.state });
    expect((second.items as Out[]).map((i) => i.title)).toEqual(['New one', 'Newer one']);
    const third = await connector.poll('issues.new', { project: 'acme/api' }, { auth, state: second.state });
    expect(third.items).toEqual([]);
  });

  it('emit new merge requests into the given branch', async () => {
    const first = await connector.poll('mergeRequests.new', { project: 'acme/api', targetBranch: 'main' }, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    gitlab.addMergeRequest(42, { title: 'Into main', source_branch: 'a', target_branch: 'main' });
    gitlab.addMergeRequest(42, { title: 'Into stable', source_branch: 'b', target_branch: 'stable' });
    const second = await connector.poll(
      'mergeRequests.new',
      { project: 'acme/api', targetBranch: 'main' },
      { auth, state: first.state },
    );
    expect((second.items as Out[]).map((m) => m.title)).toEqual(['Into main']);
  });
});

describe('connection and failures', () => {
  it('sends an OAuth token as Bearer when tokenType is oauth', async () => {
    const project = await run(
      'projects.get',
      { project: 'acme/api' },
      { url: gitlab.url, token: OAUTH_TOKEN, tokenType: 'oauth' },
    );
    expect(project).toMatchObject({ id: 42, pathWithNamespace: 'acme/api', defaultBranch: 'main' });
    expect(last()?.headers.authorization).toBe(`Bearer ${OAUTH_TOKEN}`);
    expect(last()?.headers['private-token']).toBeUndefined();
  });

  it('classifies 401, 404, 400 and 429 with Retry-After', async () => {
    expect(
      await fail('projects.get', { project: 'acme/api' }, { url: gitlab.url, token: 'glpat-wrong' }),
    ).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 401, message: expect.stringContaining('401 Unauthorized') },
    });
    expect(
      await fail('projects.get', { project: 'acme/api' }, { url: gitlab.url, token: 'expired', tokenType: 'oauth' }),
    ).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('Token was revoked') },
    });
    expect(await fail('issues.get', { project: 'acme/nope', issueIid: 1 })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('404 Project Not Found') },
    });
    gitlab.server.answerNext('POST', '/api/v4/projects/:id/issues', {
      status: 400,
      body: { message: { title: ['is too long (maximum is 255 characters)'] } },
    });
    expect(await fail('issues.create', { project: 'acme/api', title: 'x' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('title is too long') },
    });
    gitlab.server.answerNext('GET', '/api/v4/projects/:id', {
      status: 429,
      headers: { 'retry-after': '120' },
      body: 'Retry later',
    });
    const before = gitlab.server.requests.length;
    expect(await fail('projects.get', { project: 'acme/api' })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 120 },
    });
    // Sent once: the runtime decides when to try again, gitbeaker's own burst of retries is off.
    expect(gitlab.server.requests.length - before).toBe(1);
  });

  it('refuses an instance URL in clear text off loopback before connecting', async () => {
    const before = gitlab.server.requests.length;
    await expect(
      fail('projects.get', { project: 'acme/api' }, { url: 'http://gitlab.example.com', token: TOKEN }),
    ).rejects.toThrow(/connection is invalid: \/auth\/url must match pattern/);
    expect(gitlab.server.requests.length).toBe(before);
  });
});
