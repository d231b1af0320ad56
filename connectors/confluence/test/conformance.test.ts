import { loadConnector } from '@mova/runtime/testing';
import { conformanceSetup } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { API_TOKEN, EMAIL, startConfluence } from './confluence-api.js';

// Every action through the sandbox users run it in, against the loopback Confluence Cloud site of
// confluence-api.ts (its header names the REST v2 and v1 pages each route follows), reached through
// the connection's siteUrl (network.connectionHosts). Outputs are checked against the site's state,
// requests against what Confluence expects.
const suite = conformanceSetup({
  hooks: { beforeAll, afterAll, beforeEach, afterEach },
  start: startConfluence,
  load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
  auth: (site) => ({ siteUrl: site.url, email: EMAIL, apiToken: API_TOKEN }),
});
const { run, call: fail, runExamples, last } = suite;

describe('every example in the manifest', () => {
  it('runs in a story order on a fresh site, and gives the output it shows', async () => {
    const order = [
      'spaces.list',
      'pages.create',
      'pages.get',
      'pages.update',
      'pages.search',
      'attachments.upload',
      'attachments.list',
    ];
    await runExamples(order, { triggers: true });
    expect(suite.api.pages.get('65537')).toMatchObject({ title: 'Release 2.4 notes', version: 2 });
    expect(suite.api.attachments.map((a) => a.title)).toEqual(['export.csv']);
  });
});

describe('pages.updated trigger', () => {
  it('emits pages created or edited since the last poll, in the space asked for, once each change', async () => {
    await run('pages.create', { spaceKey: 'ENG', title: 'Old page', body: '<p/>' });
    await run('pages.create', { spaceKey: 'OPS', title: 'Ops page', body: '<p/>' });
    const first = await suite.connector.poll('pages.updated', { spaceKey: 'ENG' }, { auth: suite.auth });
    expect(first, JSON.stringify(first.error)).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.since).toBe(suite.api.pages.get('65537')?.lastModified);
    expect(last()?.query.get('cql')).toBe(
      'type = page AND space = "ENG" AND lastmodified >= now("-30d") ORDER BY lastmodified ASC',
    );

    await run('pages.create', { spaceKey: 'ENG', title: 'New page', body: '<p/>' });
    await run('pages.update', { pageId: '65537', body: '<p>edited</p>' });
    await run('pages.update', { pageId: '65538', body: '<p>other space</p>' });
    const second = await suite.connector.poll(
      'pages.updated',
      { spaceKey: 'ENG' },
      { auth: suite.auth, state: first.state },
    );
    expect((second.items as { title: string }[]).map((i) => i.title)).toEqual(['New page', 'Old page']);
    expect(last()?.query.get('cql')).toMatch(/lastmodified >= now\("-\d+m"\)/);
    const third = await suite.connector.poll(
      'pages.updated',
      { spaceKey: 'ENG' },
      { auth: suite.auth, state: second.state },
    );
    expect(third.items).toEqual([]);
  });
});

describe('pages', () => {
  it('creates a page in a space named by key, with basic auth, and reads it back', async () => {
    const page = await run('pages.create', {
      spaceKey: 'ENG',
      title: 'Runbook',
      body: '<p>Restart <code>api</code></p>',
    });
    expect(page).toEqual({
      id: '65537',
      title: 'Runbook',
      status: 'current',
      spaceId: '98306',
      parentId: null,
      version: 1,
      body: '<p>Restart <code>api</code></p>',
      bodyFormat: 'storage',
      url: `${suite.api.url}/wiki/spaces/ENG/pages/65537/Runbook`,
      createdAt: expect.any(String),
    });
    const [lookup, create] = suite.api.requests;
    expect(lookup).toMatchObject({ method: 'GET', path: '/wiki/api/v2/spaces' });
    expect(lookup?.query.get('keys')).toBe('ENG');
    expect(create).toMatchObject({
      method: 'POST',
      path: '/wiki/api/v2/pages',
      body: {
        spaceId: '98306',
        status: 'current',
        title: 'Runbook',
        body: { representation: 'storage', value: '<p>Restart <code>api</code></p>' },
      },
    });
    expect(create?.headers.authorization).toBe(`Basic ${Buffer.from(`${EMAIL}:${API_TOKEN}`).toString('base64')}`);

    const child = await run('pages.create', {
      spaceId: '98306',
      parentId: '65537',
      title: 'Child',
      body: 'h1. Wiki',
      bodyFormat: 'wiki',
      status: 'draft',
    });
    expect(child).toMatchObject({ parentId: '65537', status: 'draft' });
    expect(last()?.body).toMatchObject({ body: { representation: 'wiki', value: 'h1. Wiki' } });

    expect(await run('pages.get', { pageId: '65537' })).toMatchObject({
      title: 'Runbook',
      version: 1,
      body: '<p>Restart <code>api</code></p>',
    });
    expect(last()?.query.get('body-format')).toBe('storage');

    const twice = await fail('pages.create', { spaceKey: 'ENG', title: 'Runbook', body: '<p/>' });
    expect(twice).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(twice.error?.message).toMatch(/A page with this title already exists/);
    const both = await fail('pages.create', { spaceKey: 'ENG', spaceId: '98306', title: 'X', body: '' });
    expect(both).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const noSpace = await fail('pages.create', { spaceKey: 'NOPE', title: 'X', body: '' });
    expect(noSpace).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('updates with the next version number, keeps what is not given, and refuses a stale version', async () => {
    await run('pages.create', { spaceKey: 'ENG', title: 'Status', body: '<p>amber</p>' });
    const updated = await run('pages.update', { pageId: '65537', body: '<p>green</p>', versionMessage: 'daily' });
    expect(updated).toMatchObject({ title: 'Status', version: 2, body: '<p>green</p>' });
    expect(last()).toMatchObject({
      method: 'PUT',
      path: '/wiki/api/v2/pages/65537',
      body: { id: '65537', status: 'current', title: 'Status', version: { number: 2, message: 'daily' } },
    });

    const renamed = await run('pages.update', { pageId: '65537', title: 'Status (daily)', version: 3 });
    expect(renamed).toMatchObject({ title: 'Status (daily)', version: 3, body: '<p>green</p>' });

    const stale = await fail('pages.update', { pageId: '65537', title: 'Old', body: '<p/>', version: 3 });
    expect(stale).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
    expect(stale.error?.message).toMatch(/Version must be incremented/);
    expect(suite.api.pages.get('65537')?.title).toBe('Status (daily)');
  });

  it('searches with CQL through the v1 search endpoint, page by page', async () => {
    for (const title of ['Runbook api', 'Runbook db', 'Runbook queue', 'Onboarding']) {
      await run('pages.create', { spaceKey: 'ENG', title, body: `<p>${title} steps</p>` });
    }
    const first = await run('pages.search', { cql: 'space = ENG AND type = page AND title ~ "runbook"', limit: 2 });
    expect(first).toMatchObject({ totalSize: 3, nextCursor: expect.any(String) });
    expect(first.results).toEqual([
      {
        id: '65537',
        type: 'page',
        title: 'Runbook api',
        spaceKey: 'ENG',
        excerpt: 'Runbook api steps',
        url: `${suite.api.url}/wiki/spaces/ENG/pages/65537`,
        lastModified: expect.any(String),
      },
      expect.objectContaining({ title: 'Runbook db' }),
    ]);
    expect(last()).toMatchObject({ method: 'GET', path: '/wiki/rest/api/search' });
    const rest = await run('pages.search', {
      cql: 'space = ENG AND type = page AND title ~ "runbook"',
      limit: 2,
      cursor: first.nextCursor,
    });
    expect(rest).toMatchObject({ results: [{ title: 'Runbook queue' }], nextCursor: null });

    const bad = await fail('pages.search', { cql: 'this is not cql' });
    expect(bad).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(bad.error?.message).toMatch(/Could not parse cql/);
  });
});

describe('spaces', () => {
  it('lists spaces across cursor pages, filtered by type or keys', async () => {
    const all = await run('spaces.list', { limit: 2 });
    expect((all.spaces as { key: string }[]).map((s) => s.key)).toEqual(['ENG', 'OPS']);
    expect((await run('spaces.list', {})).spaces).toHaveLength(3);
    const global = await run('spaces.list', { type: 'global' });
    expect(global.spaces).toEqual([
      {
        id: '98306',
        key: 'ENG',
        name: 'Engineering',
        type: 'global',
        status: 'current',
        homepageId: '65537',
        url: `${suite.api.url}/wiki/spaces/ENG`,
      },
      {
        id: '98307',
        key: 'OPS',
        name: 'Operations',
        type: 'global',
        status: 'current',
        homepageId: null,
        url: `${suite.api.url}/wiki/spaces/OPS`,
      },
    ]);
    await run('spaces.list', { keys: ['ENG', 'OPS'] });
    expect(last()?.query.get('keys')).toBe('ENG,OPS');
  });
});

describe('attachments', () => {
  it('uploads bytes as multipart with the XSRF opt-out, versions re-uploads, and lists them', async () => {
    await run('pages.create', { spaceKey: 'ENG', title: 'Files', body: '<p/>' });
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const uploaded = await run('attachments.upload', {
      pageId: '65537',
      filename: 'logo.png',
      content: png.toString('base64'),
      encoding: 'base64',
      contentType: 'image/png',
      comment: 'new logo',
    });
    expect(uploaded).toEqual({
      id: 'att65538',
      title: 'logo.png',
      mediaType: 'image/png',
      fileSize: 10,
      version: 1,
      downloadUrl: `${suite.api.url}/wiki/download/attachments/65537/logo.png?version=1&api=v2`,
      url: `${suite.api.url}/wiki/pages/viewpageattachments.action?pageId=65537&preview=logo.png`,
    });
    expect(suite.api.attachments[0]).toMatchObject({ bytes: png, mediaType: 'image/png', comment: 'new logo' });
    expect(last()?.headers['x-atlassian-token']).toBe('no-check');
    expect(last()?.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);

    const again = await run('attachments.upload', { pageId: '65537', filename: 'logo.png', content: 'text now' });
    expect(again).toMatchObject({ id: 'att65538', version: 2, mediaType: 'text/plain; charset=utf-8', fileSize: 8 });
    await run('attachments.upload', { pageId: '65537', filename: 'notes.txt', content: 'hello' });

    const listed = await run('attachments.list', { pageId: '65537' });
    expect((listed.attachments as { title: string }[]).map((a) => a.title)).toEqual(['logo.png', 'notes.txt']);
    expect(listed.attachments).toContainEqual(expect.objectContaining({ title: 'logo.png', version: 2, fileSize: 8 }));
    const one = await run('attachments.list', { pageId: '65537', filename: 'notes.txt' });
    expect(one.attachments).toHaveLength(1);

    const missing = await fail('attachments.upload', { pageId: '999', filename: 'a.txt', content: 'x' });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(missing.error?.message).toMatch(/No content found/);
    const badBase64 = await fail('attachments.upload', {
      pageId: '65537',
      filename: 'a.bin',
      content: '!!',
      encoding: 'base64',
    });
    expect(badBase64).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('failures', () => {
  it('classifies wrong credentials, missing pages and rate limits', async () => {
    const denied = await fail('pages.get', { pageId: '1' }, { ...suite.auth, apiToken: 'wrong' });
    expect(denied).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    const absent = await fail('pages.get', { pageId: '404' });
    expect(absent).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    suite.api.answerNext('GET', '/wiki/api/v2/pages/:id', {
      status: 429,
      headers: { 'retry-after': '120' },
      body: { errors: [{ status: 429, code: 'TOO_MANY_REQUESTS', title: 'Rate limit exceeded', detail: null }] },
    });
    const limited = await fail('pages.get', { pageId: '1' });
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 120 } });
    expect(limited.error?.message).toMatch(/Rate limit exceeded/);
  });
});
