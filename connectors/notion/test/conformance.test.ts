import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NOTION_VERSION, type NotionReference, startNotion, TOKEN } from './notion-api.js';

// Every action and the polling trigger through the sandbox users run it in, against the loopback Notion
// API of notion-api.ts (its header names the developers.notion.com pages each route follows). It is
// reached the way a proxy or gateway in front of api.notion.com is: through the connection's apiUrl
// (network.connectionHosts), not a test-only allowance.
let notion: NotionReference;
let connector: ConnectorUnderTest;
let auth: { token: string; apiUrl: string };
let tasks: { databaseId: string; dataSourceId: string };

const SCHEMA = {
  Name: 'title',
  Status: 'status',
  Priority: 'select',
  Points: 'number',
  Done: 'checkbox',
  Tags: 'multi_select',
  Due: 'date',
};

beforeAll(async () => {
  notion = await startNotion();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { token: TOKEN, apiUrl: notion.url };
});
afterAll(async () => {
  await connector?.close();
  await notion?.close();
});
beforeEach(() => {
  notion.pages.clear();
  notion.databases.clear();
  notion.dataSources.clear();
  notion.blocks.clear();
  notion.requests.length = 0;
  tasks = notion.addDatabase('Tasks', SCHEMA);
});

const { run } = actionCalls({ connector: () => connector, auth: () => auth });
const title = (text: string) => ({ title: [{ text: { content: text } }] });
const task = (name: string, extra: Record<string, unknown> = {}, createdTime?: string) =>
  notion.addPage({ dataSourceId: tasks.dataSourceId }, { Name: title(name), ...extra }, createdTime);

describe('pages', () => {
  it('creates a database item from the database id, with the headers Notion requires', async () => {
    const created = await run('pages.create', {
      databaseId: tasks.databaseId,
      properties: {
        Name: title('Fix login'),
        Status: { status: { name: 'In progress' } },
        Points: { number: 3 },
        Tags: { multi_select: [{ name: 'web' }, { name: 'auth' }] },
      },
      text: 'Users on Safari cannot sign in.\n\nSee the logs.',
      icon: '🐞',
    });
    const stored = notion.pages.get(String(created.id));
    expect(stored?.parent).toEqual({
      type: 'data_source_id',
      data_source_id: tasks.dataSourceId,
      database_id: tasks.databaseId,
    });
    expect(created).toMatchObject({
      title: 'Fix login',
      inTrash: false,
      parent: { type: 'data_source_id', id: tasks.dataSourceId },
      values: {
        Name: 'Fix login',
        Status: 'In progress',
        Points: 3,
        Tags: ['web', 'auth'],
        Done: false,
        Priority: null,
        Due: null,
      },
      url: `${notion.url}/conformance/${String(created.id).replaceAll('-', '')}`,
    });
    expect(notion.blocks.get(String(created.id))?.map((b) => b.type)).toEqual(['paragraph', 'paragraph']);
    const [lookup, create] = notion.requests;
    expect(lookup).toMatchObject({ method: 'GET', path: `/v1/databases/${tasks.databaseId}` });
    expect(create).toMatchObject({ method: 'POST', path: '/v1/pages' });
    expect(create?.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(create?.headers['notion-version']).toBe(NOTION_VERSION);
    expect(create?.body).toMatchObject({
      parent: { data_source_id: tasks.dataSourceId },
      icon: { type: 'emoji', emoji: '🐞' },
    });
  });

  it('creates a sub-page with a title under a page, and reads it back', async () => {
    const parent = notion.addPage({ pageId: undefined }, { title: title('Team space') });
    const created = await run('pages.create', { parentPageId: parent.id, title: 'Meeting notes' });
    expect(created).toMatchObject({ title: 'Meeting notes', parent: { type: 'page_id', id: parent.id } });
    const got = await run('pages.get', { pageId: created.id });
    expect(got).toEqual(created);
  });

  it('updates properties, archives and restores a page', async () => {
    const page = task('Write docs', { Status: { status: { name: 'Not started' } } });
    const updated = await run('pages.update', {
      pageId: page.id,
      properties: { Status: { status: { name: 'Done' } }, Done: { checkbox: true } },
    });
    expect(updated).toMatchObject({ id: page.id, values: { Name: 'Write docs', Status: 'Done', Done: true } });
    expect(notion.requests.at(-1)).toMatchObject({ method: 'PATCH', path: `/v1/pages/${page.id}` });

    const archived = await run('pages.archive', { pageId: page.id });
    expect(archived).toMatchObject({ id: page.id, inTrash: true });
    expect(notion.requests.at(-1)?.body).toEqual({ in_trash: true });
    expect(notion.pages.get(page.id)?.inTrash).toBe(true);
    const restored = await run('pages.archive', { pageId: page.id, restore: true });
    expect(restored).toMatchObject({ inTrash: false });
  });

  it('reports Notion’s validation errors, missing pages and a wrong token with their kinds', async () => {
    const wrongType = await connector.run(
      'pages.create',
      { dataSourceId: tasks.dataSourceId, properties: { Points: { number: 'three' } } },
      { auth },
    );
    expect(wrongType).toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        message: expect.stringContaining('body.properties.Points.number should be a number'),
      },
    });
    const unknownProperty = await connector.run(
      'pages.update',
      { pageId: task('x').id, properties: { Owner: { rich_text: [] } } },
      { auth },
    );
    expect(unknownProperty).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('validation_error') },
    });
    const missing = await connector.run('pages.get', { pageId: '00000000-0000-4000-8000-000000000000' }, { auth });
    expect(missing).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', message: expect.stringContaining('object_not_found') },
    });
    const denied = await connector.run(
      'pages.get',
      { pageId: task('y').id },
      { auth: { ...auth, token: 'ntn_wrong' } },
    );
    expect(denied).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('401 unauthorized') },
    });
    const both = await connector.run('pages.create', { databaseId: tasks.databaseId, parentPageId: 'p' }, { auth });
    expect(both).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('maps 429 rate_limited to rate_limit with the Retry-After Notion sent', async () => {
    const page = task('z');
    notion.answerNext('GET', '/v1/pages/:id', {
      status: 429,
      headers: { 'retry-after': '7' },
      body: {
        object: 'error',
        status: 429,
        code: 'rate_limited',
        message: 'You have been rate limited. Please try again in a few minutes.',
      },
    });
    const limited = await connector.run('pages.get', { pageId: page.id }, { auth });
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit' } });
    expect(JSON.stringify(limited.error)).toContain('7');
  });
});

describe('databases', () => {
  it('queries with a filter and sorts, page by page with start_cursor', async () => {
    for (let i = 1; i <= 5; i++) task(`Task ${i}`, { Points: { number: i }, Done: { checkbox: i % 2 === 0 } });
    const input = {
      dataSourceId: tasks.dataSourceId,
      filter: {
        and: [
          { property: 'Done', checkbox: { equals: false } },
          { property: 'Points', number: { greater_than: 0 } },
        ],
      },
      sorts: [{ property: 'Points', direction: 'descending' }],
      pageSize: 2,
    };
    const first = await run('databases.query', input);
    expect((first.pages as { title: string }[]).map((p) => p.title)).toEqual(['Task 5', 'Task 3']);
    expect(first).toMatchObject({ hasMore: true, nextCursor: expect.any(String) });
    expect(notion.requests.at(-1)).toMatchObject({
      method: 'POST',
      path: `/v1/data_sources/${tasks.dataSourceId}/query`,
      body: { filter: input.filter, sorts: input.sorts, page_size: 2 },
    });
    const rest = await run('databases.query', { ...input, startCursor: first.nextCursor });
    expect((rest.pages as { title: string }[]).map((p) => p.title)).toEqual(['Task 1']);
    expect(rest).toMatchObject({ hasMore: false, nextCursor: null });
  });

  it('refuses a filter on a property the database does not have, and a database with several data sources', async () => {
    const bad = await connector.run(
      'databases.query',
      { databaseId: tasks.databaseId, filter: { property: 'Owner', people: { contains: 'u' } } },
      { auth },
    );
    expect(bad).toMatchObject({
      status: 'failed',
      error: {
        kind: 'invalid_input',
        message: expect.stringContaining('Could not find property with name or id: Owner'),
      },
    });
    const merged = notion.addDatabase('Merged', SCHEMA, 1);
    const several = await connector.run('databases.query', { databaseId: merged.databaseId }, { auth });
    expect(several).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', message: expect.stringContaining('2 data sources') },
    });
  });
});

describe('blocks and search', () => {
  it('appends blocks and text after a given block', async () => {
    const page = task('Notes');
    const first = await run('blocks.appendChildren', { blockId: page.id, text: 'one\nthree' });
    const [one] = first.blocks as { id: string }[];
    const second = await run('blocks.appendChildren', {
      blockId: page.id,
      children: [{ type: 'to_do', to_do: { rich_text: [{ text: { content: 'two' } }], checked: false } }],
      after: one?.id,
    });
    expect(second).toEqual({ blocks: [{ id: expect.any(String), type: 'to_do' }] });
    expect(notion.requests.at(-1)?.body).toMatchObject({
      position: { type: 'after_block', after_block: { id: one?.id } },
    });
    const texts = notion.blocks
      .get(page.id)
      ?.map((b) => (b[String(b.type)] as { rich_text: { plain_text: string }[] }).rich_text[0]?.plain_text);
    expect(texts).toEqual(['one', 'two', 'three']);
    const malformed = await connector.run(
      'blocks.appendChildren',
      { blockId: page.id, children: [{ type: 'paragraph' }] },
      { auth },
    );
    expect(malformed).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('searches titles, only pages, newest edit first', async () => {
    task('Roadmap 2026');
    task('Roadmap 2025');
    task('Budget');
    const found = await run('search', { query: 'roadmap', objectType: 'page', sort: 'last_edited_desc', pageSize: 10 });
    expect((found.results as { title: string; object: string }[]).map((r) => [r.object, r.title])).toEqual([
      ['page', 'Roadmap 2025'],
      ['page', 'Roadmap 2026'],
    ]);
    expect(notion.requests.at(-1)?.body).toEqual({
      query: 'roadmap',
      filter: { property: 'object', value: 'page' },
      sort: { timestamp: 'last_edited_time', direction: 'descending' },
      page_size: 10,
    });
    const sources = await run('search', { objectType: 'data_source' });
    expect(sources.results).toEqual([
      expect.objectContaining({ object: 'data_source', id: tasks.dataSourceId, title: 'Tasks' }),
    ]);
  });
});

describe('new database items trigger', () => {
  it('records what exists, then emits items added since, oldest first, once each', async () => {
    task('Old one', {}, '2026-01-01T10:00:00.000Z');
    const input = { databaseId: tasks.databaseId };
    const first = await connector.poll('databaseItems.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    task('New A', {}, '2026-01-02T10:00:00.000Z');
    task('New B', {}, '2026-01-02T10:01:00.000Z');
    const second = await connector.poll('databaseItems.new', input, { auth, state: first.state });
    expect((second.items as { title: string }[]).map((i) => i.title)).toEqual(['New A', 'New B']);
    expect(notion.requests.at(-1)?.body).toEqual({
      sorts: [{ timestamp: 'created_time', direction: 'descending' }],
      page_size: 100,
    });
    const third = await connector.poll('databaseItems.new', input, { auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('every example in the manifest', () => {
  it('runs against a workspace holding the ids the examples name', async () => {
    const ids = { database: '8e2c2b76-9b0c-4d4e-9e6c-0f1d2a3b4c5d', page: '59833787-2cf9-4fdf-8782-e53db20768a5' };
    const source = notion.dataSources.get(tasks.dataSourceId);
    if (!source) throw new Error('no data source');
    notion.databases.set(ids.database, { id: ids.database, title: 'Tasks', dataSources: [tasks.dataSourceId] });
    const page = task('Roadmap');
    notion.pages.delete(page.id);
    notion.pages.set(ids.page, { ...page, id: ids.page });
    for (const action of connector.manifest.actions) {
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
    expect(notion.unmatched).toEqual([]);
  });
});
