import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls } from '@mova/sdk/testing';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { CLIENT_ID, CLIENT_SECRET, type Instance, PASSWORD, startInstance, USER } from './servicenow-api.js';

// Every action and trigger through the sandbox users run them in, against the loopback ServiceNow
// instance of servicenow-api.ts (its header names the REST API pages each route follows), reached
// through the connection's instanceUrl (network.connectionHosts). Outputs are checked against the
// instance's tables, requests against what the Table and Attachment APIs expect.
let sn: Instance;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  sn = await startInstance();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { instanceUrl: sn.url, username: USER, password: PASSWORD };
});
afterAll(async () => {
  await connector?.close();
  await sn?.close();
});
beforeEach(() => sn.reset());

const { run, call: fail } = actionCalls({
  connector: () => connector,
  auth: () => auth,
  check: () => expect(sn.unmatched).toEqual([]),
});
const last = () => sn.requests.at(-1);
const incidents = () => [...(sn.tables.get('incident')?.values() ?? [])];
const EXAMPLE_ID = '9d385017c611228701d22104cc95c371';
const EXAMPLE_ATTACHMENT = 'a1b2c3d4e5f60718293a4b5c6d7e8f90';

describe('every example in the manifest', () => {
  it('runs in a story order on an instance holding the records they name', async () => {
    sn.seed('incident', [{ sys_id: EXAMPLE_ID, short_description: 'Example incident', number: '' }]);
    const order = [
      'records.create',
      'records.get',
      'records.update',
      'records.query',
      'incidents.create',
      'incidents.resolve',
      'attachments.upload',
      'attachments.list',
      'attachments.download',
      'records.delete',
    ];
    const actions = [...connector.manifest.actions].sort((a, b) => order.indexOf(a.key) - order.indexOf(b.key));
    expect(actions.map((a) => a.key)).toEqual(order);
    for (const action of actions) {
      if (action.key === 'incidents.resolve') {
        // The example resolves INC0010001, whatever the instance numbered first: give it that number.
        const created = incidents().find((i) => i.short_description === 'Email is down for the Paris office');
        if (created) created.number = 'INC0010001';
      }
      if (action.key === 'attachments.download') {
        const [first] = [...sn.attachments.values()];
        if (first) {
          sn.attachments.delete(first.meta.sys_id as string);
          first.meta.sys_id = EXAMPLE_ATTACHMENT;
          sn.attachments.set(EXAMPLE_ATTACHMENT, first);
        }
      }
      for (const example of action.examples) {
        const output = await run(action.key, example.input);
        if (example.output !== undefined) expect(output, `${action.key}: ${example.title}`).toEqual(example.output);
      }
    }
    expect(sn.tables.get('incident')?.has(EXAMPLE_ID)).toBe(false);
    for (const trigger of connector.manifest.triggers) {
      for (const example of trigger.examples) {
        expect(await connector.poll(trigger.key, example.input, { auth })).toMatchObject({ status: 'completed' });
      }
    }
  });
});

describe('records', () => {
  it('creates, reads with display values, updates and deletes records of any table', async () => {
    const created = await run('records.create', {
      table: 'incident',
      fields: { short_description: 'Printer jam', urgency: '2', impact: '2' },
    });
    const sysId = String(created.sysId);
    expect(sysId).toMatch(/^[0-9a-f]{32}$/);
    expect(created.url).toBe(`${sn.url}/nav_to.do?uri=${encodeURIComponent(`incident.do?sys_id=${sysId}`)}`);
    expect(created.record).toMatchObject({ sys_id: sysId, number: 'INC0010001', priority: '3', state: '1' });
    expect(last()).toMatchObject({
      method: 'POST',
      path: '/api/now/table/incident',
      body: { short_description: 'Printer jam' },
    });
    expect(last()?.headers.authorization).toBe(`Basic ${Buffer.from(`${USER}:${PASSWORD}`).toString('base64')}`);

    const labels = await run('records.get', {
      table: 'incident',
      sysId,
      fields: ['number', 'state', 'priority'],
      displayValue: 'true',
    });
    expect(labels.record).toEqual({ number: 'INC0010001', state: 'New', priority: '3 - Moderate' });
    expect(last()?.query.get('sysparm_fields')).toBe('number,state,priority');
    const both = await run('records.get', { table: 'incident', sysId, fields: ['state'], displayValue: 'all' });
    expect(both.record).toEqual({ state: { value: '1', display_value: 'New' } });

    const updated = await run('records.update', {
      table: 'incident',
      sysId,
      fields: { state: '2', work_notes: 'On it' },
    });
    expect(updated.record).toMatchObject({ state: '2', sys_mod_count: '1' });
    expect(last()).toMatchObject({ method: 'PATCH', path: `/api/now/table/incident/${sysId}` });

    expect(await run('records.delete', { table: 'incident', sysId })).toEqual({
      table: 'incident',
      sysId,
      deleted: true,
    });
    const gone = await fail('records.get', { table: 'incident', sysId });
    expect(gone).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(gone.error?.message).toMatch(/No Record found/);
    const noTable = await fail('records.query', { table: 'u_nope' });
    expect(noTable).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(noTable.error?.message).toMatch(/Invalid table u_nope/);
  });

  it('queries with an encoded query, dot-walking and paging by offset', async () => {
    const group = [...(sn.tables.get('sys_user_group')?.values() ?? [])][0]?.sys_id;
    sn.seed(
      'incident',
      Array.from({ length: 1205 }, (_, i) => ({
        short_description: `Disk full ${i}`,
        urgency: i % 2 === 0 ? '1' : '3',
        impact: '1',
        assignment_group: i < 5 ? String(group) : '',
      })),
    );
    const page = await run('records.query', {
      table: 'incident',
      query: 'priority=1^ORDERBYnumber',
      fields: ['number', 'priority'],
      limit: 1100,
    });
    expect(page.total).toBe(603);
    expect(page.nextOffset).toBeNull();
    expect((page.records as unknown[]).length).toBe(603);
    const first = sn.requests.find((r) => r.path === '/api/now/table/incident');
    expect(first?.query.get('sysparm_limit')).toBe('1000');

    const all = await run('records.query', { table: 'incident', fields: ['number'], limit: 1001 });
    expect(all).toMatchObject({ total: 1205, nextOffset: 1001 });
    const offsets = sn.requests.filter((r) => r.path === '/api/now/table/incident').slice(-2);
    expect(offsets.map((r) => [r.query.get('sysparm_offset'), r.query.get('sysparm_limit')])).toEqual([
      ['0', '1000'],
      ['1000', '1'],
    ]);
    const rest = await run('records.query', { table: 'incident', fields: ['number'], limit: 500, offset: 1001 });
    expect(rest).toMatchObject({ total: 1205, nextOffset: null });
    expect((rest.records as unknown[]).length).toBe(204);

    const desk = await run('records.query', {
      table: 'incident',
      query: 'assignment_group.name=Service Desk^ORDERBYDESCnumber',
      fields: ['number', 'assignment_group'],
      displayValue: 'true',
    });
    expect((desk.records as { assignment_group: string }[]).map((r) => r.assignment_group)).toEqual(
      Array(5).fill('Service Desk'),
    );
  });
});

describe('incidents', () => {
  it('creates an incident with priority from urgency and impact, and resolves it by number', async () => {
    const created = await run('incidents.create', {
      shortDescription: 'VPN down',
      description: 'No tunnel since 9:00',
      urgency: '1',
      impact: '1',
      category: 'network',
    });
    expect(created).toMatchObject({ number: 'INC0010001', state: '1', priority: '1' });
    expect(last()?.body).toEqual({
      short_description: 'VPN down',
      description: 'No tunnel since 9:00',
      urgency: '1',
      impact: '1',
      category: 'network',
    });

    const resolved = await run('incidents.resolve', {
      number: 'INC0010001',
      closeCode: 'Solution provided',
      closeNotes: 'Rebooted the concentrator',
    });
    expect(resolved).toMatchObject({
      sysId: created.sysId,
      number: 'INC0010001',
      state: '6',
      resolvedAt: expect.stringMatching(/Z$/),
    });
    const lookup = sn.requests.find((r) => r.query.get('sysparm_query') === 'number=INC0010001');
    expect(lookup).toBeDefined();
    expect(last()?.body).toMatchObject({
      state: '6',
      close_code: 'Solution provided',
      close_notes: 'Rebooted the concentrator',
    });

    const unknown = await fail('incidents.resolve', { number: 'INC0099999', closeNotes: 'x' });
    expect(unknown).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('reports the data policy refusing a resolution without notes as invalid input', async () => {
    const [row] = sn.seed('incident', [{ short_description: 'Broken' }]);
    const refused = await fail('records.update', {
      table: 'incident',
      sysId: String(row?.sys_id),
      fields: { state: '6' },
    });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 403 } });
    expect(refused.error?.message).toMatch(/mandatory: Resolution code, Resolution notes/);
  });
});

describe('attachments', () => {
  it('uploads bytes, lists and downloads them as base64 or text, within the size cap', async () => {
    const [row] = sn.seed('incident', [{ short_description: 'With files' }]);
    const sysId = String(row?.sys_id);
    const png = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x00, 0xff, 0x10]);
    const uploaded = await run('attachments.upload', {
      table: 'incident',
      sysId,
      fileName: 'shot.png',
      content: png.toString('base64'),
      encoding: 'base64',
      contentType: 'image/png',
    });
    expect(uploaded).toMatchObject({
      fileName: 'shot.png',
      contentType: 'image/png',
      sizeBytes: 7,
      table: 'incident',
      recordSysId: sysId,
    });
    expect(last()).toMatchObject({ method: 'POST', path: '/api/now/attachment/file' });
    expect(last()?.query.get('file_name')).toBe('shot.png');
    expect(last()?.rawBody).toEqual(png);
    await run('attachments.upload', { table: 'incident', sysId, fileName: 'notes.txt', content: 'héllo' });

    const listed = await run('attachments.list', { table: 'incident', sysId });
    expect((listed.attachments as { fileName: string }[]).map((a) => a.fileName)).toEqual(['shot.png', 'notes.txt']);

    const binary = await run('attachments.download', { attachmentSysId: uploaded.sysId, encoding: 'base64' });
    expect(binary).toMatchObject({
      content: png.toString('base64'),
      encoding: 'base64',
      attachment: { fileName: 'shot.png' },
    });
    const text = (listed.attachments as { sysId: string }[])[1]?.sysId;
    expect(await run('attachments.download', { attachmentSysId: text })).toMatchObject({
      content: 'héllo',
      encoding: 'text',
    });

    const tooBig = await fail('attachments.download', { attachmentSysId: uploaded.sysId, maxBytes: 3 });
    expect(tooBig).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(last()?.path).toBe(`/api/now/attachment/${uploaded.sysId}`);
    const notText = await fail('attachments.download', { attachmentSysId: uploaded.sysId });
    expect(notText).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });

    const orphan = await fail('attachments.upload', {
      table: 'incident',
      sysId: 'f'.repeat(32),
      fileName: 'a.txt',
      content: 'x',
    });
    expect(orphan).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(orphan.error?.message).toMatch(/Invalid table or record/);
  });
});

describe('OAuth 2.0', () => {
  it('gets a token with the client credentials grant and uses it as a bearer token, for uploads too', async () => {
    const oauth = { instanceUrl: sn.url, clientId: CLIENT_ID, clientSecret: CLIENT_SECRET };
    const [row] = sn.seed('incident', [{ short_description: 'OAuth' }]);
    const got = await run(
      'records.get',
      { table: 'incident', sysId: String(row?.sys_id), fields: ['short_description'] },
      oauth,
    );
    expect(got.record).toEqual({ short_description: 'OAuth' });
    const token = sn.requests.find((r) => r.path === '/oauth_token.do');
    expect(token?.body).toMatchObject({ grant_type: 'client_credentials' });
    expect(last()?.headers.authorization).toMatch(/^Bearer sn-token-\d$/);

    await run(
      'attachments.upload',
      { table: 'incident', sysId: String(row?.sys_id), fileName: 'o.txt', content: 'x' },
      oauth,
    );
    expect(last()?.headers.authorization).toMatch(/^Bearer sn-token-\d$/);

    const given = [...sn.tokens][0];
    const direct = await run(
      'records.query',
      { table: 'sys_user', fields: ['user_name'] },
      { instanceUrl: sn.url, accessToken: given },
    );
    expect(direct.records).toEqual([{ user_name: USER }]);
  });
});

describe('polling triggers', () => {
  it('emits records updated since the last poll, once each change', async () => {
    const [a, b] = sn.seed('incident', [
      { short_description: 'A', urgency: '1', impact: '1' },
      { short_description: 'B' },
    ]);
    const first = await connector.poll('records.updated', { table: 'incident', query: 'priority=1' }, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    expect(last()?.query.get('sysparm_query')).toBe(
      'priority=1^sys_updated_onRELATIVEGE@dayofweek@ago@30^ORDERBYsys_updated_on',
    );
    expect(first.state?.since).toBe(`${a?.sys_updated_on?.replace(' ', 'T')}Z`);

    await run('records.update', { table: 'incident', sysId: String(a?.sys_id), fields: { short_description: 'A2' } });
    await run('records.update', { table: 'incident', sysId: String(b?.sys_id), fields: { short_description: 'B2' } });
    const second = await connector.poll(
      'records.updated',
      { table: 'incident', query: 'priority=1' },
      { auth, state: first.state },
    );
    expect(second.items).toMatchObject([{ sysId: a?.sys_id, table: 'incident', record: { short_description: 'A2' } }]);
    expect(last()?.query.get('sysparm_query')).toMatch(
      /^priority=1\^sys_updated_onRELATIVEGE@minute@ago@\d+\^ORDERBYsys_updated_on$/,
    );
    const third = await connector.poll(
      'records.updated',
      { table: 'incident', query: 'priority=1' },
      { auth, state: second.state },
    );
    expect(third.items).toEqual([]);
  });

  it('emits new records only', async () => {
    const [old] = sn.seed('change_request', [{ short_description: 'Old' }]);
    const first = await connector.poll(
      'records.created',
      { table: 'change_request', fields: ['short_description'] },
      { auth },
    );
    await run('records.update', {
      table: 'change_request',
      sysId: String(old?.sys_id),
      fields: { short_description: 'Old, edited' },
    });
    sn.seed('change_request', [{ short_description: 'New 1' }, { short_description: 'New 2' }]);
    const second = await connector.poll(
      'records.created',
      { table: 'change_request', fields: ['short_description'] },
      { auth, state: first.state },
    );
    expect(
      (second.items as { record: { short_description: string } }[]).map((i) => i.record.short_description),
    ).toEqual(['New 1', 'New 2']);
    expect(last()?.query.get('sysparm_fields')).toBe('sys_id,sys_created_on,sys_updated_on,short_description');
  });
});

describe('failures', () => {
  it('classifies wrong credentials and rate limits', async () => {
    const denied = await fail('records.query', { table: 'incident' }, { ...auth, password: 'wrong' });
    expect(denied).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });
    expect(denied.error?.message).toMatch(/User Not Authenticated/);
    sn.answerNext('GET', '/api/now/table/:table', {
      status: 429,
      headers: { 'retry-after': '45' },
      body: { error: { message: 'Rate limit exceeded', detail: null }, status: 'failure' },
    });
    const limited = await fail('records.query', { table: 'incident' });
    expect(limited).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 45 } });
    const nothing = await fail('records.query', { table: 'incident' }, { instanceUrl: sn.url });
    expect(nothing).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});
