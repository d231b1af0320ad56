import { loadConnector } from '@mova/runtime/testing';
import { conformanceSetup } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_TOKEN, EMAIL, ME, PAT, startJira } from './jira-api.js';

// Every action and trigger through the sandbox users run them in, against the loopback Jira site of
// jira-api.ts (its header names the Atlassian REST API pages each route follows). The site is reached
// through the connection's siteUrl (network.connectionHosts), as a Data Center server or a custom
// Cloud domain is. Cloud connections speak REST v3 with basic auth; Data Center ones v2 with a bearer PAT.
const suite = conformanceSetup({
  hooks: { beforeAll, afterAll, beforeEach, afterEach },
  start: startJira,
  load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
  auth: (site) => ({ siteUrl: site.url, email: EMAIL, apiToken: API_TOKEN }),
});
const { run, call: fail, runExamples, last } = suite;
/** A Data Center connection; the default one, `suite.auth`, is a Cloud one. */
const dc = () => ({ siteUrl: suite.api.url, deployment: 'dataCenter', apiToken: PAT });
const basic = `Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}`;

describe('every example in the manifest', () => {
  it('runs in a story order on a fresh site, and gives the output it shows', async () => {
    const order = [
      'issues.create',
      'issues.get',
      'issues.update',
      'issues.transition',
      'issues.search',
      'issues.comment',
      'issues.assign',
      'issues.attach',
      'users.find',
      'projects.list',
    ];
    await runExamples(order, { triggers: true });
    expect(suite.api.issues.get('PROJ-1')?.fields.status).toMatchObject({ name: 'Done' });
  });
});

describe('issues on Jira Cloud (REST v3)', () => {
  it('creates an issue with an ADF description and basic auth, and reads it back as text', async () => {
    const created = await run('issues.create', {
      projectKey: 'PROJ',
      issueType: 'Bug',
      summary: 'Checkout fails',
      description: 'Steps:\n1. Pay\n\nError 500.',
      assigneeId: ME.accountId,
      labels: ['checkout'],
      fields: { customfield_10010: 5 },
    });
    expect(created).toEqual({ id: expect.any(String), key: 'PROJ-1', url: `${suite.api.url}/browse/PROJ-1` });
    const request = last();
    expect(request).toMatchObject({ method: 'POST', path: '/rest/api/3/issue' });
    expect(request?.headers.authorization).toBe(basic);
    expect(request?.body).toMatchObject({
      fields: {
        project: { key: 'PROJ' },
        issuetype: { name: 'Bug' },
        assignee: { accountId: ME.accountId },
        customfield_10010: 5,
        description: {
          type: 'doc',
          version: 1,
          content: [
            {
              type: 'paragraph',
              content: [{ type: 'text', text: 'Steps:' }, { type: 'hardBreak' }, { type: 'text', text: '1. Pay' }],
            },
            { type: 'paragraph', content: [{ type: 'text', text: 'Error 500.' }] },
          ],
        },
      },
    });

    const issue = await run('issues.get', { issueKey: 'PROJ-1' });
    expect(issue).toMatchObject({
      key: 'PROJ-1',
      summary: 'Checkout fails',
      description: 'Steps:\n1. Pay\n\nError 500.',
      status: 'To Do',
      statusCategory: 'new',
      issueType: 'Bug',
      projectKey: 'PROJ',
      labels: ['checkout'],
      assignee: { id: ME.accountId, displayName: ME.displayName },
      reporter: { id: ME.accountId },
    });
    expect((issue.fields as Record<string, unknown>).customfield_10010).toBe(5);
    const only = await run('issues.get', { issueKey: 'PROJ-1', fields: ['summary', 'status'] });
    expect(last()?.query.get('fields')).toBe('summary,status');
    expect(Object.keys(only.fields as object).sort()).toEqual(['status', 'summary']);
  });

  it('updates fields, adds labels, and reports what it sent', async () => {
    suite.api.seed('PROJ', 1);
    const out = await run('issues.update', {
      issueKey: 'PROJ-1',
      summary: 'Renamed',
      priority: 'Highest',
      addLabels: ['escalated'],
      notifyUsers: false,
    });
    expect(out).toEqual({
      key: 'PROJ-1',
      url: `${suite.api.url}/browse/PROJ-1`,
      updatedFields: ['summary', 'priority', 'labels'],
    });
    expect(last()).toMatchObject({ method: 'PUT', path: '/rest/api/3/issue/PROJ-1' });
    expect(last()?.query.get('notifyUsers')).toBe('false');
    expect(suite.api.issues.get('PROJ-1')?.fields).toMatchObject({
      summary: 'Renamed',
      priority: { name: 'Highest' },
      labels: ['escalated'],
    });
  });

  it('transitions by name, by target status or by id, with a resolution and comment', async () => {
    suite.api.seed('PROJ', 1);
    expect(await run('issues.transition', { issueKey: 'PROJ-1', transition: 'start progress' })).toEqual({
      key: 'PROJ-1',
      transitionId: '21',
      transitionName: 'Start progress',
      status: 'In Progress',
    });
    await run('issues.transition', { issueKey: 'PROJ-1', transition: '31', resolution: 'Fixed', comment: 'Shipped' });
    expect(last()?.body).toEqual({
      transition: { id: '31' },
      fields: { resolution: { name: 'Fixed' } },
      update: {
        comment: [
          {
            add: {
              body: {
                type: 'doc',
                version: 1,
                content: [{ type: 'paragraph', content: [{ type: 'text', text: 'Shipped' }] }],
              },
            },
          },
        ],
      },
    });
    expect(suite.api.issues.get('PROJ-1')?.fields).toMatchObject({
      status: { name: 'Done' },
      resolution: { name: 'Fixed' },
    });

    const wrong = await fail('issues.transition', { issueKey: 'PROJ-1', transition: 'Reopen' });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(wrong.error?.hint).toMatch(/Start progress \(id 21 → In Progress\)/);
  });

  it('comments in ADF and assigns by accountId, and unassigns with null', async () => {
    suite.api.seed('PROJ', 1);
    const comment = await run('issues.comment', {
      issueKey: 'PROJ-1',
      body: 'Looks good',
      visibleToRole: 'Developers',
    });
    expect(comment).toEqual({
      id: '10000',
      body: 'Looks good',
      author: { id: ME.accountId, displayName: ME.displayName, email: EMAIL },
      created: expect.any(String),
    });
    expect(last()?.body).toMatchObject({
      body: { type: 'doc', version: 1 },
      visibility: { type: 'role', value: 'Developers' },
    });

    await run('issues.assign', { issueKey: 'PROJ-1', assigneeId: 'acc-123' });
    expect(last()).toMatchObject({
      method: 'PUT',
      path: '/rest/api/3/issue/PROJ-1/assignee',
      body: { accountId: 'acc-123' },
    });
    expect(suite.api.issues.get('PROJ-1')?.fields.assignee).toMatchObject({ accountId: 'acc-123' });
    await run('issues.assign', { issueKey: 'PROJ-1', assigneeId: null });
    expect(last()?.body).toEqual({ accountId: null });
    expect(suite.api.issues.get('PROJ-1')?.fields.assignee).toBeNull();
  });

  it('searches with JQL over several pages and continues from the page token', async () => {
    suite.api.seed('PROJ', 130);
    suite.api.seed('MOB', 3);
    const first = await run('issues.search', { jql: 'project = PROJ ORDER BY created ASC', limit: 120 });
    const issues = first.issues as { key: string }[];
    expect(issues).toHaveLength(120);
    expect(issues[0]?.key).toBe('PROJ-1');
    expect(issues[119]?.key).toBe('PROJ-120');
    expect(first.total).toBeNull();
    const pages = suite.api.requests.filter((r) => r.path === '/rest/api/3/search/jql');
    expect(pages.map((r) => [r.query.get('maxResults'), r.query.get('nextPageToken')])).toEqual([
      ['100', null],
      ['20', '100'],
    ]);
    expect(first.nextPageToken).toBe('120');
    const rest = await run('issues.search', {
      jql: 'project = PROJ ORDER BY created ASC',
      limit: 50,
      pageToken: '120',
    });
    expect((rest.issues as { key: string }[]).map((i) => i.key)).toEqual(
      Array.from({ length: 10 }, (_, i) => `PROJ-${121 + i}`),
    );
    expect(rest.nextPageToken).toBeNull();

    const bad = await fail('issues.search', { jql: 'project ~~ nonsense' });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(bad.error?.message).toMatch(/Error in the JQL Query/);
  });

  it('lists projects page by page, filtered by text', async () => {
    const all = await run('projects.list', {});
    expect((all.projects as { key: string }[]).map((p) => p.key)).toEqual(['PROJ', 'MOB', 'HR']);
    expect(all.projects).toContainEqual({
      id: '10000',
      key: 'PROJ',
      name: 'Payments',
      projectTypeKey: 'software',
      lead: { id: ME.accountId, displayName: ME.displayName, email: EMAIL },
    });
    const two = await run('projects.list', { limit: 2 });
    expect((two.projects as unknown[]).length).toBe(2);
    const mobile = await run('projects.list', { query: 'mobile' });
    expect((mobile.projects as { key: string }[]).map((p) => p.key)).toEqual(['MOB']);
    expect(last()?.query.get('query')).toBe('mobile');
  });
});

describe('attachments and users', () => {
  it('uploads a file as multipart with the XSRF opt-out, on Cloud and Data Center', async () => {
    suite.api.seed('PROJ', 1);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff]);
    const stored = await run('issues.attach', {
      issueKey: 'PROJ-1',
      filename: 'shot.png',
      content: png.toString('base64'),
      encoding: 'base64',
      contentType: 'image/png',
    });
    expect(stored).toEqual({
      id: expect.any(String),
      filename: 'shot.png',
      size: 6,
      mimeType: 'image/png',
      contentUrl: `${suite.api.url}/rest/api/3/attachment/content/${stored.id}`,
      author: { id: ME.accountId, displayName: ME.displayName, email: EMAIL },
    });
    expect(last()).toMatchObject({ method: 'POST', path: '/rest/api/3/issue/PROJ-1/attachments' });
    expect(last()?.headers['x-atlassian-token']).toBe('no-check');
    expect(last()?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
    expect(suite.api.issues.get('PROJ-1')?.attachments[0]?.bytes).toEqual(png);

    await run('issues.attach', { issueKey: 'PROJ-1', filename: 'notes.txt', content: 'héllo' }, dc());
    expect(last()?.path).toBe('/rest/api/2/issue/PROJ-1/attachments');
    expect(suite.api.issues.get('PROJ-1')?.attachments[1]).toMatchObject({
      filename: 'notes.txt',
      bytes: Buffer.from('héllo'),
    });

    const absent = await fail('issues.attach', { issueKey: 'PROJ-9', filename: 'a.txt', content: 'x' });
    expect(absent).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });

  it('finds people by name or email, leaving out app accounts (Cloud) and inactive users (Data Center)', async () => {
    expect(await run('users.find', { query: 'automation' })).toEqual({ users: [] });
    expect(await run('users.find', { query: 'ada@' })).toEqual({
      users: [{ id: ME.accountId, displayName: ME.displayName, email: EMAIL }],
    });
    expect(last()?.query.get('query')).toBe('ada@');
    expect(await run('users.find', { query: 'lovelace' }, dc())).toEqual({
      users: [{ id: ME.name, displayName: ME.displayName, email: EMAIL }],
    });
    expect(last()).toMatchObject({ path: '/rest/api/2/user/search' });
    expect(last()?.query.get('username')).toBe('lovelace');
    expect(await run('users.find', { query: 'automation' }, dc())).toEqual({ users: [] });
  });
});

describe('issues on Jira Data Center (REST v2)', () => {
  it('creates with a plain-text description and a bearer personal access token', async () => {
    const created = await run(
      'issues.create',
      { projectKey: 'MOB', issueType: 'Task', summary: 'Ship 2.0', description: 'h2. Plan', assigneeId: 'ada' },
      dc(),
    );
    expect(created).toMatchObject({ key: 'MOB-1' });
    expect(last()).toMatchObject({ method: 'POST', path: '/rest/api/2/issue' });
    expect(last()?.headers.authorization).toBe(`Bearer ${PAT}`);
    expect(last()?.body).toMatchObject({ fields: { description: 'h2. Plan', assignee: { name: 'ada' } } });
    expect(await run('issues.get', { issueKey: 'MOB-1' }, dc())).toMatchObject({
      description: 'h2. Plan',
      assignee: { id: 'ada', displayName: ME.displayName },
    });
  });

  it('comments as text, assigns by username, transitions and searches with startAt paging', async () => {
    suite.api.seed('MOB', 105);
    expect(await run('issues.comment', { issueKey: 'MOB-1', body: '*done*' }, dc())).toMatchObject({ body: '*done*' });
    expect(last()?.body).toEqual({ body: '*done*' });
    await run('issues.assign', { issueKey: 'MOB-1', assigneeId: 'jsmith' }, dc());
    expect(last()).toMatchObject({ path: '/rest/api/2/issue/MOB-1/assignee', body: { name: 'jsmith' } });
    await run('issues.transition', { issueKey: 'MOB-1', transition: 'Done', comment: 'closing' }, dc());
    expect(last()?.body).toMatchObject({ update: { comment: [{ add: { body: 'closing' } }] } });

    const found = await run('issues.search', { jql: 'project = MOB ORDER BY created ASC', limit: 200 }, dc());
    expect((found.issues as unknown[]).length).toBe(105);
    expect(found).toMatchObject({ total: 105, nextPageToken: null });
    const pages = suite.api.requests.filter((r) => r.path === '/rest/api/2/search');
    expect(pages.map((r) => r.query.get('startAt'))).toEqual(['0', '100']);

    const projects = await run('projects.list', { query: 'people' }, dc());
    expect(projects.projects).toEqual([
      {
        id: '10002',
        key: 'HR',
        name: 'People team',
        projectTypeKey: 'business',
        lead: { id: 'ada', displayName: ME.displayName, email: EMAIL },
      },
    ]);
    expect(last()?.path).toBe('/rest/api/2/project');
  });
});

describe('polling triggers', () => {
  it('emits issues updated since the last poll, once each change', async () => {
    suite.api.seed('PROJ', 2);
    suite.api.seed('MOB', 1);
    const first = await suite.connector.poll('issues.updated', { jql: 'project = PROJ' }, { auth: suite.auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.since).toBe(suite.api.issues.get('PROJ-2')?.fields.updated);
    expect(last()?.query.get('jql')).toBe('(project = PROJ) AND updated >= -30d ORDER BY updated ASC');

    await run('issues.update', { issueKey: 'PROJ-1', summary: 'Changed' });
    await run('issues.update', { issueKey: 'MOB-1', summary: 'Other project' });
    const second = await suite.connector.poll(
      'issues.updated',
      { jql: 'project = PROJ' },
      { auth: suite.auth, state: first.state },
    );
    expect(second.items).toMatchObject([{ key: 'PROJ-1', summary: 'Changed' }]);
    expect(last()?.query.get('jql')).toMatch(/^\(project = PROJ\) AND updated >= -\d+m ORDER BY updated ASC$/);

    const third = await suite.connector.poll(
      'issues.updated',
      { jql: 'project = PROJ' },
      { auth: suite.auth, state: second.state },
    );
    expect(third.items).toEqual([]);
  });

  it('emits new issues only, oldest first, on Data Center too', async () => {
    suite.api.seed('PROJ', 1);
    const first = await suite.connector.poll('issues.created', {}, { auth: dc() });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    await run('issues.update', { issueKey: 'PROJ-1', summary: 'Edited, not new' }, dc());
    suite.api.seed('PROJ', 2);
    const second = await suite.connector.poll('issues.created', {}, { auth: dc(), state: first.state });
    expect((second.items as { key: string }[]).map((i) => i.key)).toEqual(['PROJ-2', 'PROJ-3']);
    expect(last()?.path).toBe('/rest/api/2/search');
  });
});

describe('failures', () => {
  it('classifies wrong credentials, missing issues, field errors and rate limits', async () => {
    const denied = await fail('issues.get', { issueKey: 'PROJ-1' }, { ...suite.auth, apiToken: 'wrong' });
    expect(denied).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(denied.error?.message).toMatch(/not authenticated/);

    const absent = await fail('issues.get', { issueKey: 'PROJ-404' });
    expect(absent).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(absent.error?.message).toMatch(/Issue does not exist/);

    const invalid = await fail('issues.create', { projectKey: 'NOPE', issueType: 'Bug', summary: 'x' });
    expect(invalid).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(invalid.error?.message).toMatch(/project: Specify a valid project ID or key/);

    suite.api.answerNext('GET', '/rest/api/3/issue/:key', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: { errorMessages: ['Rate limit exceeded.'], errors: {} },
    });
    const limited = await fail('issues.get', { issueKey: 'PROJ-1' });
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 30 } });

    const noEmail = await fail('issues.get', { issueKey: 'PROJ-1' }, { siteUrl: suite.api.url, apiToken: API_TOKEN });
    expect(noEmail).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});
