import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ORG, type SentryReference, startSentry, TOKEN } from './sentry-api.js';

// Every action and the polling trigger through the sandbox users run them in (worker thread, egress
// limited to the host the connection's url names), against the loopback Sentry organization of
// sentry-api.ts (its header names the docs.sentry.io pages each route follows). It is reached the
// way a self-hosted Sentry is: through the connection's `url` (network.connectionHosts), not a
// test-only allowance.
let sentry: SentryReference;
let connector: ConnectorUnderTest;
let auth: { url: string; token: string; organization: string };

beforeAll(async () => {
  sentry = await startSentry();
  sentry.addIssue({ id: '4021', title: 'KeyError: user_id', level: 'error', count: '57', userCount: 12 });
  sentry.addEvent('4021', {
    message: "KeyError: 'user_id'",
    tags: [
      { key: 'environment', value: 'production' },
      { key: 'release', value: 'backend@2.4.0' },
    ],
    user: { id: '77', email: 'grace@example.com', username: null, ip_address: '203.0.113.9' },
  });
  sentry.addEvent('4021', { tags: [{ key: 'environment', value: 'staging' }] });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { url: sentry.url, token: TOKEN, organization: ORG };
});
afterAll(async () => {
  await connector?.close();
  await sentry?.close();
});

type Out = Record<string, unknown>;
const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const last = () => sentry.server.requests.at(-1);

describe('every example in the manifest', () => {
  it('runs in a story order against the organization', async () => {
    const order = [
      'projects.list',
      'issues.list',
      'issues.get',
      'issues.events.list',
      'releases.create',
      'issues.update',
    ];
    await runExamples(order);
    expect(sentry.issues.find((i) => i.id === '4021')).toMatchObject({
      status: 'resolved',
      statusDetails: { inNextRelease: true },
      assignedTo: { type: 'team', id: '12' },
    });
    expect(sentry.releases.map((r) => r.version)).toEqual(['backend@2.4.1']);
    expect(sentry.server.unmatched).toEqual([]);
  });
});

describe('issues', () => {
  it('searches with the query, projects and sort, and pages by the Link header cursor', async () => {
    for (let n = 1; n <= 5; n++) {
      sentry.addIssue({ title: `TypeError ${n}`, projectSlug: 'frontend', level: n % 2 ? 'error' : 'warning' });
    }
    const first = await run('issues.list', {
      query: 'is:unresolved TypeError',
      projectIds: [12],
      sort: 'new',
      limit: 2,
    });
    expect(last()?.path).toBe(`/api/0/organizations/${ORG}/issues/`);
    expect(last()?.query.get('query')).toBe('is:unresolved TypeError');
    expect(last()?.query.getAll('project')).toEqual(['12']);
    expect(last()?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect((first.issues as Out[]).map((i) => i.title)).toEqual(['TypeError 5', 'TypeError 4']);
    expect(first.nextCursor).toBe('0:2:0');
    const second = await run('issues.list', {
      query: 'is:unresolved TypeError',
      projectIds: [12],
      sort: 'new',
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(last()?.query.get('cursor')).toBe('0:2:0');
    expect((second.issues as Out[]).map((i) => i.title)).toEqual(['TypeError 3', 'TypeError 2']);
    const third = await run('issues.list', {
      query: 'is:unresolved TypeError',
      projectIds: [12],
      sort: 'new',
      limit: 2,
      cursor: second.nextCursor,
    });
    expect((third.issues as Out[]).map((i) => i.title)).toEqual(['TypeError 1']);
    expect(third.nextCursor).toBeNull();
    const warnings = await run('issues.list', { query: 'level:warning' });
    expect((warnings.issues as Out[]).map((i) => i.title).sort()).toEqual(['TypeError 2', 'TypeError 4']);
  });

  it('reads an issue with its counts as numbers', async () => {
    const issue = await run('issues.get', { issueId: '4021' });
    expect(issue).toMatchObject({
      id: '4021',
      title: 'KeyError: user_id',
      level: 'error',
      count: 57,
      userCount: 12,
      project: { id: '11', slug: 'backend', name: 'Backend' },
      permalink: `${sentry.url}/organizations/${ORG}/issues/4021/`,
    });
  });

  it('resolves in a release, ignores for a while, assigns and unassigns', async () => {
    const issue = sentry.addIssue({ title: 'ZeroDivisionError' });
    const id = String(issue.id);
    await run('releases.create', { version: 'backend@3.0.0', projects: ['backend'] });
    const resolved = await run('issues.update', { issueId: id, status: 'resolved', resolveInRelease: 'backend@3.0.0' });
    expect(last()).toMatchObject({ method: 'PUT', path: `/api/0/organizations/${ORG}/issues/${id}/` });
    expect(last()?.body).toEqual({ status: 'resolved', statusDetails: { inRelease: 'backend@3.0.0' } });
    expect(resolved).toMatchObject({ status: 'resolved' });

    const ignored = await run('issues.update', { issueId: id, status: 'ignored', ignoreMinutes: 60, ignoreCount: 100 });
    expect(last()?.body).toEqual({ status: 'ignored', statusDetails: { ignoreDuration: 60, ignoreCount: 100 } });
    expect(ignored).toMatchObject({ status: 'ignored', substatus: 'archived_until_condition_met' });

    const assigned = await run('issues.update', { issueId: id, assignedTo: 'ada@example.com', isBookmarked: true });
    expect(last()?.body).toEqual({ assignedTo: 'ada@example.com', isBookmarked: true });
    expect(assigned.assignedTo).toEqual({ type: 'user', id: '501', name: 'Ada Lovelace' });
    const unassigned = await run('issues.update', { issueId: id, assignedTo: '' });
    expect(unassigned.assignedTo).toBeNull();

    expect(await fail('issues.update', { issueId: id, assignedTo: 'user:999' })).toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        status: 400,
        message: expect.stringContaining('assignedTo: Unknown actor input'),
      },
    });
  });

  it('lists an issue’s events with tags and user, filtered by environment', async () => {
    const all = await run('issues.events.list', { issueId: '4021' });
    expect(last()?.path).toBe(`/api/0/organizations/${ORG}/issues/4021/events/`);
    expect((all.events as Out[]).length).toBe(2);
    const production = await run('issues.events.list', { issueId: '4021', environments: ['production'] });
    expect(production).toEqual({
      events: [
        {
          id: expect.stringMatching(/^[0-9a-f]{32}$/),
          title: 'KeyError: user_id',
          message: "KeyError: 'user_id'",
          platform: 'python',
          dateCreated: expect.stringMatching(/^2026-04-01T/),
          tags: { environment: 'production', release: 'backend@2.4.0' },
          user: { id: '77', email: 'grace@example.com', username: null, ipAddress: '203.0.113.9' },
        },
      ],
      nextCursor: null,
    });
  });
});

describe('releases and projects', () => {
  it('creates a release, gives an existing one back, refuses unknown projects', async () => {
    const release = await run('releases.create', {
      version: 'frontend@1.0.0',
      projects: ['frontend', 'mobile'],
      ref: 'v1.0.0',
      url: 'https://ci.example.com/builds/88',
      dateReleased: '2026-04-01T13:00:00Z',
    });
    expect(last()?.body).toEqual({
      version: 'frontend@1.0.0',
      projects: ['frontend', 'mobile'],
      ref: 'v1.0.0',
      url: 'https://ci.example.com/builds/88',
      dateReleased: '2026-04-01T13:00:00Z',
    });
    expect(release).toEqual({
      version: 'frontend@1.0.0',
      shortVersion: '1.0.0',
      ref: 'v1.0.0',
      url: 'https://ci.example.com/builds/88',
      dateCreated: expect.any(String),
      dateReleased: '2026-04-01T13:00:00Z',
      projects: ['frontend', 'mobile'],
    });
    expect(await run('releases.create', { version: 'frontend@1.0.0', projects: ['frontend'] })).toEqual(release);
    expect(await fail('releases.create', { version: 'x@1', projects: ['nope'] })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, message: expect.stringContaining('Invalid project ids or slugs') },
    });
  });

  it('lists projects across pages', async () => {
    const first = await run('projects.list', {});
    expect((first.projects as Out[]).map((p) => p.slug)).toEqual(['backend', 'frontend']);
    const second = await run('projects.list', { cursor: first.nextCursor });
    expect(second).toEqual({
      projects: [
        { id: '13', slug: 'mobile', name: 'Mobile', platform: 'apple-ios', dateCreated: '2025-01-04T10:00:00.000000Z' },
      ],
      nextCursor: null,
    });
  });
});

describe('trigger', () => {
  it('emits each new issue once, oldest first, after the first poll records what exists', async () => {
    const input = { query: 'is:unresolved level:fatal' };
    const first = await connector.poll('issues.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(last()?.query.get('sort')).toBe('new');
    sentry.addIssue({ title: 'Segfault A', level: 'fatal' });
    sentry.addIssue({ title: 'Segfault B', level: 'fatal' });
    sentry.addIssue({ title: 'Just a warning', level: 'warning' });
    const second = await connector.poll('issues.new', input, { auth, state: first.state });
    expect((second.items as Out[]).map((i) => i.title)).toEqual(['Segfault A', 'Segfault B']);
    const third = await connector.poll('issues.new', input, { auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('connection and failures', () => {
  it('classifies 401, 404, 403 and 429 with X-Sentry-Rate-Limit-Reset', async () => {
    expect(await fail('issues.get', { issueId: '4021' }, { ...auth, token: 'wrong' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 401, message: expect.stringContaining('Invalid token') },
    });
    expect(await fail('issues.get', { issueId: '1' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('does not exist') },
    });
    expect(await fail('issues.get', { issueId: '4021' }, { ...auth, organization: 'other' })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404 },
    });
    expect(await fail('issues.list', { projectIds: [99] })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 403 },
    });
    const reset = String(Math.floor(Date.now() / 1000) + 40);
    const limited = {
      status: 429,
      headers: {
        'x-sentry-rate-limit-limit': '40',
        'x-sentry-rate-limit-remaining': '0',
        'x-sentry-rate-limit-reset': reset,
      },
      body: { detail: 'You are attempting to use this endpoint too frequently. Limit is 40 requests in 1 seconds' },
    };
    for (let n = 0; n < 3; n++) sentry.server.answerNext('GET', '/api/0/organizations/:org/issues/:id/', limited);
    const result = await fail('issues.get', { issueId: '4021' });
    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, message: expect.stringContaining('too frequently') },
    });
    expect(result.error?.retryAfter).toBeGreaterThanOrEqual(30);
    expect(result.error?.retryAfter).toBeLessThanOrEqual(41);
  });
});
