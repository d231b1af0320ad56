import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type AirtableReference, BASE, startAirtable, TOKEN } from './airtable-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback Airtable of
// airtable-api.ts (its header names the Airtable reference pages each route follows), reached through the
// connection's apiUrl (network.connectionHosts).
let at: AirtableReference;
let airtable: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  at = await startAirtable();
  airtable = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { token: TOKEN, apiUrl: at.url };
});
afterAll(async () => {
  await airtable?.close();
  await at?.close();
});

const writes = (method: string) =>
  at.server.requests.filter((r) => r.method === method && r.path === `/v0/${BASE}/Tasks`);

describe('airtable records through the sandbox', () => {
  it('creates 23 records in batches of ten, lists them with a formula, sort and paging, reads, updates and deletes', async () => {
    const rows = Array.from({ length: 23 }, (_, i) => ({
      Name: `Task ${String(i).padStart(2, '0')}`,
      Status: i % 3 === 0 ? 'Done' : 'Todo',
      Estimate: i,
    }));
    const created = await airtable.run('records.create', { baseId: BASE, table: 'Tasks', records: rows }, { auth });
    expect(created).toMatchObject({ status: 'completed', isolation: 'worker' });
    const records = (created.output as { records: { id: string; fields: Record<string, unknown> }[] }).records;
    expect(records).toHaveLength(23);
    expect(records[22]?.fields).toEqual({ Name: 'Task 22', Status: 'Todo', Estimate: 22 });
    expect(writes('POST').map((r) => (r.body as { records: unknown[] }).records.length)).toEqual([10, 10, 3]);
    expect(at.tasks.size).toBe(23);

    const open = await airtable.run(
      'records.list',
      {
        baseId: BASE,
        table: 'Tasks',
        filterByFormula: "AND({Status} != 'Done', {Estimate} >= 5)",
        sort: [{ field: 'Estimate', direction: 'desc' }],
        fields: ['Name', 'Estimate'],
        maxRecords: 9,
      },
      { auth },
    );
    expect(open.status).toBe('completed');
    const listed = (open.output as { records: { fields: { Name: string; Estimate: number } }[] }).records;
    expect(listed.map((r) => r.fields.Estimate)).toEqual([22, 20, 19, 17, 16, 14, 13, 11, 10]);
    expect(listed[0]?.fields).toEqual({ Name: 'Task 22', Estimate: 22 });
    const list = at.server.requests.filter((r) => r.method === 'GET' && r.path === `/v0/${BASE}/Tasks`).at(-1);
    expect(Object.fromEntries(list?.query ?? [])).toMatchObject({
      filterByFormula: "AND({Status} != 'Done', {Estimate} >= 5)",
      'sort[0][field]': 'Estimate',
      'sort[0][direction]': 'desc',
      maxRecords: '9',
      pageSize: '9',
    });
    expect(list?.query.getAll('fields[]')).toEqual(['Name', 'Estimate']);

    at.recordsPageCap = 4;
    const paged = await airtable.run(
      'records.list',
      { baseId: BASE, table: 'tblTasks00000001', view: 'Open', maxRecords: 1000 },
      { auth },
    );
    at.recordsPageCap = 100;
    expect((paged.output as { records: unknown[] }).records).toHaveLength(15);
    const pages = at.server.requests.filter((r) => r.path === `/v0/${BASE}/tblTasks00000001`);
    expect(pages.map((r) => r.query.get('offset')?.split('/')[0] ?? null)).toEqual([null, '4', '8', '12']);

    const id = records[1]?.id ?? '';
    expect(await airtable.run('records.get', { baseId: BASE, table: 'Tasks', recordId: id }, { auth })).toMatchObject({
      status: 'completed',
      output: { id, fields: { Name: 'Task 01' } },
    });

    const updated = await airtable.run(
      'records.update',
      { baseId: BASE, table: 'Tasks', records: [{ id, fields: { Status: 'Blocked', Estimate: '8' } }], typecast: true },
      { auth },
    );
    expect(updated).toMatchObject({
      status: 'completed',
      output: { records: [{ id, fields: { Name: 'Task 01', Status: 'Blocked', Estimate: 8 } }] },
    });
    expect(writes('PATCH').at(-1)?.body).toEqual({
      records: [{ id, fields: { Status: 'Blocked', Estimate: '8' } }],
      typecast: true,
    });

    const replaced = await airtable.run(
      'records.update',
      { baseId: BASE, table: 'Tasks', records: [{ id, fields: { Name: 'Only name' } }], replace: true },
      { auth },
    );
    expect(replaced).toMatchObject({ status: 'completed', output: { records: [{ fields: { Name: 'Only name' } }] } });
    expect(at.tasks.get(id)?.fields).toEqual({ Name: 'Only name' });

    const ids = records.slice(0, 12).map((r) => r.id);
    const deleted = await airtable.run('records.delete', { baseId: BASE, table: 'Tasks', recordIds: ids }, { auth });
    expect(deleted).toMatchObject({ status: 'completed', output: { deleted: ids } });
    expect(writes('DELETE').map((r) => r.query.getAll('records[]').length)).toEqual([10, 2]);
    expect(at.tasks.size).toBe(11);
  });

  it('upserts by a merge field: updates matches and creates the rest', async () => {
    const existing = at.seed('Contacts', { Name: 'Ada', Email: 'ada@example.com' });
    const result = await airtable.run(
      'records.upsert',
      {
        baseId: BASE,
        table: 'Contacts',
        fieldsToMergeOn: ['Email'],
        records: [
          { Email: 'ada@example.com', Name: 'Ada Lovelace' },
          { Email: 'grace@example.com', Name: 'Grace Hopper' },
        ],
      },
      { auth },
    );
    expect(result.status).toBe('completed');
    const output = result.output as { createdRecords: string[]; updatedRecords: string[]; records: { id: string }[] };
    expect(output.updatedRecords).toEqual([existing.id]);
    expect(output.createdRecords).toHaveLength(1);
    expect(at.contacts.get(existing.id)?.fields.Name).toBe('Ada Lovelace');
    expect([...at.contacts.values()].map((r) => r.fields.Email)).toEqual(['ada@example.com', 'grace@example.com']);
    const sent = at.server.requests.filter((r) => r.method === 'PATCH' && r.path === `/v0/${BASE}/Contacts`).at(-1);
    expect(sent?.body).toMatchObject({ performUpsert: { fieldsToMergeOn: ['Email'] } });
  });

  it('lists bases across pages and a base’s tables with fields and views', async () => {
    const bases = await airtable.run('bases.list', {}, { auth });
    expect(bases).toMatchObject({
      status: 'completed',
      output: {
        bases: [{ id: BASE, name: 'Operations', permissionLevel: 'create' }, { name: 'Marketing' }, { name: 'Hiring' }],
      },
    });
    expect(at.server.requests.filter((r) => r.path === '/v0/meta/bases').map((r) => r.query.get('offset'))).toEqual([
      null,
      '2',
    ]);

    const tables = await airtable.run('tables.list', { baseId: BASE }, { auth });
    expect(tables).toMatchObject({
      status: 'completed',
      output: {
        tables: [
          {
            id: 'tblTasks00000001',
            name: 'Tasks',
            primaryFieldId: 'fldName000000001',
            fields: [
              { name: 'Name', type: 'singleLineText' },
              { name: 'Status', type: 'singleSelect' },
              { name: 'Estimate', type: 'number' },
            ],
            views: [{ name: 'Grid view', type: 'grid' }, { name: 'Open' }],
          },
          { name: 'Contacts' },
        ],
      },
    });
  });
});

describe('airtable records.new trigger', () => {
  it('records the first poll, then emits records created since, filtered by the user’s formula', async () => {
    const input = { baseId: BASE, table: 'Contacts', filterByFormula: "{Email} != ''" };
    const first = await airtable.poll('records.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(first.state?.since).toBeDefined();

    const added = at.seed('Contacts', { Name: 'Katherine', Email: 'katherine@example.com' });
    at.seed('Contacts', { Name: 'No email' });
    const second = await airtable.poll('records.new', input, { auth, state: first.state });
    expect(second).toMatchObject({ status: 'completed', items: [{ id: added.id, fields: { Name: 'Katherine' } }] });
    const formula = at.server.requests
      .filter((r) => r.path === `/v0/${BASE}/Contacts`)
      .at(-1)
      ?.query.get('filterByFormula');
    expect(formula).toBe(`AND(IS_AFTER(CREATED_TIME(), '${first.state?.since}'), {Email} != '')`);

    expect(await airtable.poll('records.new', input, { auth, state: second.state })).toMatchObject({ items: [] });
  });
});

describe('airtable failures', () => {
  it('maps a refused token, an unknown table, a missing record, bad values and formulas, and a rate limit', async () => {
    const refused = await airtable.run('bases.list', {}, { auth: { ...auth, token: 'patWrong' } });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(refused.error?.message).toContain('AUTHENTICATION_REQUIRED');

    expect(await airtable.run('records.list', { baseId: BASE, table: 'Nope' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 403 },
    });
    expect(
      await airtable.run('records.get', { baseId: BASE, table: 'Tasks', recordId: 'rec99999999999999' }, { auth }),
    ).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404 },
    });
    const badValue = await airtable.run(
      'records.create',
      { baseId: BASE, table: 'Tasks', records: [{ Estimate: 'lots' }] },
      { auth },
    );
    expect(badValue).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 422 } });
    expect(badValue.error?.message).toContain('INVALID_VALUE_FOR_COLUMN');
    const badFormula = await airtable.run(
      'records.list',
      { baseId: BASE, table: 'Tasks', filterByFormula: 'SUM(' },
      { auth },
    );
    expect(badFormula).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 422 } });

    // Without Retry-After the HTTP helper tries three times with a short backoff; then the step carries
    // Airtable's documented 30 s wait for the runtime to schedule.
    const before = at.server.requests.length;
    for (let i = 0; i < 3; i++) {
      at.server.answerNext('GET', '/v0/meta/bases/:base/tables', {
        status: 429,
        body: { errors: [{ error: 'RATE_LIMIT_REACHED', message: 'Rate limit exceeded. Please try again later' }] },
      });
    }
    expect(await airtable.run('tables.list', { baseId: BASE }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'rate_limit', status: 429, retryAfter: 30 },
    });
    expect(at.server.requests.length - before).toBe(3);
    expect(at.server.unmatched).toEqual([]);
  });
});
