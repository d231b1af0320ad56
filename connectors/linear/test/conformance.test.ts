import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ACCESS_TOKEN, API_KEY, type LinearReference, startLinear } from './linear-api.js';

// Every action and the polling trigger through the sandbox users run it in, against the loopback Linear
// GraphQL API of linear-api.ts (its header names the linear.app/developers pages it follows). It is
// reached the way a proxy in front of api.linear.app is: through the connection's apiUrl
// (network.connectionHosts), not a test-only allowance.
let linear: LinearReference;
let connector: ConnectorUnderTest;
let auth: { apiKey: string; apiUrl: string };

beforeAll(async () => {
  linear = await startLinear();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { apiKey: API_KEY, apiUrl: `${linear.url}/graphql` };
});
afterAll(async () => {
  await connector?.close();
  await linear?.close();
});
beforeEach(() => {
  linear.reset();
  linear.comments.clear();
  linear.requests.length = 0;
  linear.operations.length = 0;
});

type Out = Record<string, unknown>;
const { run, call: fail } = actionCalls({ connector: () => connector, auth: () => auth });
const variablesOf = (operation: string) => {
  const request = linear.requests.find(
    (r) => (r.body as { query?: string }).query?.includes(`${operation}(`) && linear.operations.includes(operation),
  );
  return (request?.body as { variables?: unknown } | undefined)?.variables;
};

describe('issues', () => {
  it('creates an issue and reads it back by identifier, with the API key as Linear wants it', async () => {
    const created = await run('issues.create', {
      teamId: linear.team.id,
      title: 'Checkout fails on Safari',
      description: 'Steps: …',
      priority: 2,
      labelIds: [linear.team.labelId],
      dueDate: '2026-01-31',
      estimate: 3,
    });
    expect(created).toMatchObject({
      identifier: 'ENG-1',
      number: 1,
      title: 'Checkout fails on Safari',
      description: 'Steps: …',
      priority: 2,
      priorityLabel: 'High',
      estimate: 3,
      dueDate: '2026-01-31',
      teamId: linear.team.id,
      stateId: linear.team.states.Backlog,
      labelIds: [linear.team.labelId],
      completedAt: null,
    });
    expect(linear.operations).toEqual(['createIssue', 'issue']);
    expect(linear.requests[0]?.headers.authorization).toBe(API_KEY);
    expect(variablesOf('createIssue')).toEqual({
      input: {
        teamId: linear.team.id,
        title: 'Checkout fails on Safari',
        description: 'Steps: …',
        priority: 2,
        labelIds: [linear.team.labelId],
        dueDate: '2026-01-31',
        estimate: 3,
      },
    });
    expect(await run('issues.get', { id: 'ENG-1' })).toEqual(created);
  });

  it('updates an issue, moving it to Done, with an OAuth access token as a bearer token', async () => {
    const issue = linear.addIssue({ title: 'Write release notes' });
    const oauth = { accessToken: ACCESS_TOKEN, apiUrl: auth.apiUrl };
    const updated = await run(
      'issues.update',
      { id: issue.identifier, stateId: linear.team.states.Done, assigneeId: linear.viewerId, priority: 1 },
      oauth,
    );
    expect(updated).toMatchObject({
      id: issue.id,
      stateId: linear.team.states.Done,
      assigneeId: linear.viewerId,
      priority: 1,
      priorityLabel: 'Urgent',
      completedAt: expect.any(String),
    });
    expect(linear.requests[0]?.headers.authorization).toBe(`Bearer ${ACCESS_TOKEN}`);
    expect(variablesOf('updateIssue')).toEqual({
      id: issue.identifier,
      input: { stateId: linear.team.states.Done, assigneeId: linear.viewerId, priority: 1 },
    });
  });

  it('reports Linear’s errors with their kinds: unknown ids, invalid input, a wrong key, rate limits', async () => {
    const missing = await fail('issues.get', { id: 'ENG-999' });
    expect(missing).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('Could not find referenced Issue') },
    });
    const badTeam = await fail('issues.create', { teamId: 'nope', title: 'x' });
    expect(badTeam).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    const badState = await fail('issues.update', { id: linear.addIssue({ title: 'y' }).id, stateId: 'not-a-state' });
    expect(badState).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('WorkflowState') },
    });
    const denied = await fail('issues.get', { id: 'ENG-1' }, { ...auth, apiKey: 'lin_api_wrong' });
    expect(denied).toMatchObject({ status: 'failed', error: { kind: 'auth' } });

    const reset = Date.now() + 42_000;
    linear.answerNext('POST', '/graphql', {
      status: 400,
      headers: {
        'x-ratelimit-requests-limit': '5000',
        'x-ratelimit-requests-remaining': '0',
        'x-ratelimit-requests-reset': String(reset),
      },
      body: {
        data: null,
        errors: [
          {
            message: 'Rate limit exceeded',
            extensions: { type: 'ratelimited', code: 'RATELIMITED', userPresentableMessage: 'Rate limit exceeded' },
          },
        ],
      },
    });
    const limited = await fail('teams.list', {});
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit' } });
    expect(JSON.stringify(limited.error)).toMatch(/"retryAfter":4[0-2]/);
    linear.answerNext('POST', '/graphql', {
      status: 429,
      headers: { 'retry-after': '9' },
      body: { errors: [{ message: 'Too many requests' }] },
    });
    const tooMany = await fail('teams.list', {});
    expect(tooMany).toMatchObject({ status: 'failed', error: { kind: 'rate_limit' } });
  });

  it('searches issues by text within a team, page by page', async () => {
    for (const title of ['Checkout button', 'Checkout tax', 'Login page', 'Checkout copy']) linear.addIssue({ title });
    const first = await run('issues.search', { term: 'checkout', teamId: linear.team.id, first: 2 });
    expect((first.issues as Out[]).map((i) => i.title)).toEqual(['Checkout copy', 'Checkout tax']);
    expect(first).toMatchObject({ hasNextPage: true, endCursor: expect.any(String) });
    expect(variablesOf('searchIssues')).toEqual({
      term: 'checkout',
      first: 2,
      includeArchived: false,
      teamId: linear.team.id,
    });
    const rest = await run('issues.search', {
      term: 'checkout',
      teamId: linear.team.id,
      first: 2,
      after: first.endCursor,
    });
    expect((rest.issues as Out[]).map((i) => i.identifier)).toEqual(['ENG-1']);
    expect(rest).toMatchObject({ hasNextPage: false });
  });
});

describe('comments, teams and projects', () => {
  it('comments on an issue and replies in the thread', async () => {
    const issue = linear.addIssue({ title: 'Flaky test' });
    const comment = await run('comments.create', { issueId: issue.identifier, body: 'Seen again on **main**.' });
    expect(comment).toEqual({
      id: expect.any(String),
      body: 'Seen again on **main**.',
      url: expect.stringContaining('#comment-'),
      issueId: issue.id,
      createdAt: expect.any(String),
    });
    const reply = await run('comments.create', { issueId: issue.id, body: 'Fixed in #42', parentId: comment.id });
    expect(linear.comments.get(String(reply.id))).toMatchObject({ parent: { id: comment.id } });
    expect(await fail('comments.create', { issueId: issue.id, body: '   ' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });

  it('lists teams and projects with cursors', async () => {
    const teams = await run('teams.list', { first: 1 });
    expect(teams).toEqual({
      teams: [{ id: linear.team.id, key: 'ENG', name: 'Engineering', description: 'Product engineering' }],
      hasNextPage: true,
      endCursor: linear.team.id,
    });
    const more = await run('teams.list', { first: 1, after: teams.endCursor });
    expect(more).toMatchObject({ teams: [{ key: 'OPS', description: null }], hasNextPage: false });
    const projects = await run('projects.list', { first: 2 });
    expect(projects.projects).toEqual([
      {
        id: expect.any(String),
        name: 'Checkout revamp',
        state: 'started',
        progress: 0.4,
        targetDate: '2026-03-31',
        url: expect.any(String),
      },
      {
        id: expect.any(String),
        name: 'Mobile app',
        state: 'planned',
        progress: 0,
        targetDate: null,
        url: expect.any(String),
      },
    ]);
    expect(projects.hasNextPage).toBe(true);
  });
});

describe('new issues trigger', () => {
  it('records what exists, then emits issues created since in the team, oldest first, once each', async () => {
    linear.addIssue({ title: 'Old', createdAt: '2026-01-01T10:00:00.000Z' });
    const input = { teamId: linear.team.id };
    const first = await connector.poll('issues.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(variablesOf('issues')).toEqual({
      first: 50,
      orderBy: 'createdAt',
      filter: { team: { id: { eq: linear.team.id } } },
    });
    linear.addIssue({ title: 'New A', createdAt: '2026-01-02T10:00:00.000Z' });
    linear.addIssue({ title: 'Elsewhere', createdAt: '2026-01-02T10:30:00.000Z', teamId: linear.otherTeamId });
    linear.addIssue({ title: 'New B', createdAt: '2026-01-02T11:00:00.000Z' });
    const second = await connector.poll('issues.new', input, { auth, state: first.state });
    expect((second.items as Out[]).map((i) => i.title)).toEqual(['New A', 'New B']);
    const third = await connector.poll('issues.new', input, { auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('the reference', () => {
  it('refuses a document whose variables do not match the schema, and unknown input fields', async () => {
    const post = (query: string, variables: unknown) =>
      fetch(`${linear.url}/graphql`, {
        method: 'POST',
        headers: { authorization: API_KEY, 'content-type': 'application/json' },
        body: JSON.stringify({ query, variables }),
      });
    const wrongType = await post('query issue($id: Int!) { issue(id: $id) { id } }', { id: 1 });
    expect(wrongType.status).toBe(400);
    expect(JSON.stringify(await wrongType.json())).toContain('used in position expecting type \\"String!\\"');
    const extra = await post(
      'mutation createIssue($input: IssueCreateInput!) { issueCreate(input: $input) { success } }',
      { input: { teamId: linear.team.id, title: 'x', colour: 'red' } },
    );
    expect(JSON.stringify(await extra.json())).toContain(
      'Field \\"colour\\" is not defined by type \\"IssueCreateInput\\"',
    );
  });
});

describe('every example in the manifest', () => {
  it('runs against a workspace holding the ids the examples name', async () => {
    const order = [
      'teams.list',
      'projects.list',
      'issues.create',
      'issues.get',
      'issues.update',
      'issues.search',
      'comments.create',
    ];
    const actions = [...connector.manifest.actions].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    expect(actions.map((a) => a.key)).toEqual(order);
    linear.exampleIds();
    for (const action of actions) {
      for (const example of action.examples) {
        const output = await run(action.key, example.input);
        if (example.output !== undefined) expect(output, action.key).toEqual(example.output);
      }
    }
    for (const trigger of connector.manifest.triggers) {
      for (const example of trigger.examples) {
        expect(await connector.poll(trigger.key, example.input, { auth })).toMatchObject({ status: 'completed' });
      }
    }
    expect(linear.unmatched).toEqual([]);
  });
});
