import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AsanaReference, OAUTH, PAT, startAsana } from './asana-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Asana of
// asana-api.ts (its header names the Asana reference pages each route follows), reached through the
// connection's apiUrl (network.connectionHosts).
let as: AsanaReference;
let asana: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  as = await startAsana();
  asana = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { accessToken: PAT, apiUrl: as.url };
});
afterAll(async () => {
  await asana?.close();
  await as?.close();
});

const last = (method: string, path: string) =>
  as.server.requests.filter((r) => r.method === method && r.path === `/api/1.0${path}`).at(-1);

describe('asana tasks through the sandbox', () => {
  it('creates a task with custom fields, reads, updates, comments on and finds it', async () => {
    const created = await asana.run(
      'tasks.create',
      {
        name: 'Draft launch email',
        notes: 'Two paragraphs.',
        projects: [as.project.gid],
        assignee: 'me',
        due_on: '2026-02-01',
        custom_fields: { '1205000000000001': '1205000000000011' },
      },
      { auth },
    );
    expect(created).toMatchObject({ status: 'completed', isolation: 'worker' });
    expect(created.output).toMatchObject({
      name: 'Draft launch email',
      notes: 'Two paragraphs.',
      assignee: { gid: as.me.gid, name: 'Ada Lovelace' },
      due_on: '2026-02-01',
      projects: [{ gid: as.project.gid, name: 'Launch' }],
      custom_fields: [{ gid: '1205000000000001', name: 'Priority', display_value: 'High' }],
      completed: false,
    });
    const gid = (created.output as { gid: string }).gid;
    const sent = last('POST', '/tasks');
    expect(sent?.headers.authorization).toBe(`Bearer ${PAT}`);
    expect(sent?.query.get('opt_fields')).toContain('custom_fields.display_value');
    expect(sent?.body).toMatchObject({ data: { name: 'Draft launch email', assignee: 'me' } });

    expect(await asana.run('tasks.get', { gid }, { auth })).toMatchObject({
      status: 'completed',
      output: { gid, name: 'Draft launch email', workspace: { gid: as.workspace.gid } },
    });

    const updated = await asana.run('tasks.update', { gid, completed: true, name: 'Launch email (sent)' }, { auth });
    expect(updated).toMatchObject({ status: 'completed', output: { completed: true, name: 'Launch email (sent)' } });
    expect(as.tasks.get(gid)?.completed_at).not.toBeNull();

    const comment = await asana.run(
      'tasks.comment',
      { task: gid, text: 'Sent to 4,210 subscribers.', is_pinned: true },
      { auth },
    );
    expect(comment).toMatchObject({
      status: 'completed',
      output: { text: 'Sent to 4,210 subscribers.', is_pinned: true, created_by: as.me.gid },
    });
    expect(as.stories.at(-1)).toMatchObject({ task: gid, text: 'Sent to 4,210 subscribers.' });

    const found = await asana.run(
      'tasks.search',
      { workspace: as.workspace.gid, text: 'launch', projects: [as.project.gid], assignee: ['me'], completed: true },
      { auth },
    );
    expect(found).toMatchObject({ status: 'completed', output: { tasks: [{ gid }] } });
    const search = last('GET', `/workspaces/${as.workspace.gid}/tasks/search`);
    expect(Object.fromEntries(search?.query ?? [])).toMatchObject({
      text: 'launch',
      'projects.any': as.project.gid,
      'assignee.any': 'me',
      completed: 'true',
      sort_by: 'modified_at',
      sort_ascending: 'false',
      limit: '100',
    });

    const subtask = await asana.run('tasks.create', { name: 'Proofread', parent: gid }, { auth });
    expect(subtask).toMatchObject({ status: 'completed', output: { parent: { gid } } });
  });

  it('lists a workspace’s projects across pages', async () => {
    const all = await asana.run('projects.list', { workspace: as.workspace.gid }, { auth });
    expect(all.status).toBe('completed');
    const projects = (all.output as { projects: { gid: string; archived: boolean }[] }).projects;
    expect(projects).toHaveLength(as.projectCount);
    expect(projects[0]).toMatchObject({
      gid: as.project.gid,
      name: 'Launch',
      team: { name: 'Marketing' },
      archived: false,
    });
    const pages = as.server.requests.filter((r) => r.path === '/api/1.0/projects');
    expect(pages.map((r) => r.query.has('offset'))).toEqual([false, true]);

    const active = await asana.run(
      'projects.list',
      { workspace: as.workspace.gid, archived: false, maxResults: 1 },
      { auth },
    );
    expect(active).toMatchObject({ status: 'completed', output: { projects: [{ gid: as.project.gid }] } });
    expect(last('GET', '/projects')?.query.get('limit')).toBe('1');
  });
});

describe('asana tasks.new trigger', () => {
  it('records the project’s recent tasks, then emits each newly created task once', async () => {
    const input = { project: as.otherProject.gid };
    as.seedTask('Existing ops task', as.otherProject);
    const first = await asana.poll('tasks.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.since).toBeDefined();

    const added = as.seedTask('Rotate the certificates', as.otherProject);
    const second = await asana.poll('tasks.new', input, { auth, state: first.state });
    expect(second).toMatchObject({ status: 'completed', items: [{ gid: added.gid, name: 'Rotate the certificates' }] });
    expect(last('GET', '/tasks')?.query.get('modified_since')).toBe(first.state?.since);

    // A change to an old task is not a new task.
    const existing = [...as.tasks.values()].find((t) => t.name === 'Existing ops task');
    if (!existing) throw new Error('seed missing');
    await asana.run('tasks.update', { gid: existing.gid, notes: 'changed' }, { auth });
    expect(await asana.poll('tasks.new', input, { auth, state: second.state })).toMatchObject({ items: [] });
  });
});

describe('asana auth and failures', () => {
  it('renews an OAuth token with the refresh token, before the call and after a 401', async () => {
    const oauth = { ...OAUTH, apiUrl: as.url };
    const fresh = await asana.run('projects.list', { workspace: as.workspace.gid, maxResults: 1 }, { auth: oauth });
    expect(fresh).toMatchObject({ status: 'completed' });
    const grant = as.server.requests.filter((r) => r.path === '/-/oauth_token').at(-1);
    expect(grant?.body).toMatchObject({
      grant_type: 'refresh_token',
      refresh_token: OAUTH.refreshToken,
      client_id: OAUTH.clientId,
    });
    expect(last('GET', '/projects')?.headers.authorization).toMatch(/^Bearer asana-oauth-\d+$/);

    const expired = await asana.run(
      'projects.list',
      { workspace: as.workspace.gid, maxResults: 1 },
      { auth: { ...oauth, accessToken: 'stale' } },
    );
    expect(expired).toMatchObject({ status: 'completed' });
    expect(as.server.requests.filter((r) => r.path === '/-/oauth_token')).toHaveLength(2);

    const revoked = await asana.run('tasks.get', { gid: '1' }, { auth: { ...oauth, refreshToken: '1/revoked' } });
    expect(revoked).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 400 } });
  });

  it('maps a refused token, a missing task, bad input, a premium-only search and a rate limit', async () => {
    const refused = await asana.run('tasks.get', { gid: '1' }, { auth: { ...auth, accessToken: 'nope' } });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(refused.error?.message).toContain('Not Authorized');

    expect(await asana.run('tasks.get', { gid: '999' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404 },
    });
    const bad = await asana.run('tasks.create', { name: 'x', projects: ['42'] }, { auth });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(bad.error?.message).toContain('projects: Not a recognized ID');

    const premium = await asana.run('tasks.search', { workspace: as.freeWorkspace.gid, text: 'x' }, { auth });
    expect(premium).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 402 } });

    as.server.answerNext('GET', '/api/1.0/tasks/:gid', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { errors: [{ message: 'You have made too many requests recently. Please, be chill.' }] },
    });
    expect(await asana.run('tasks.get', { gid: '1' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 30 },
    });
    expect(as.server.unmatched).toEqual([]);
  });
});
