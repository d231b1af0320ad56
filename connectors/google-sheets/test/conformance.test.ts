import { loadConnector } from '@mova/runtime/testing';
import { googleConformanceSetup } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { startSheetsApi } from './sheets-api.js';

// Every action and the trigger through the sandbox users run them in, against the loopback
// Sheets API of sheets-api.ts (its header names the reference pages each answer follows) and
// Google's token endpoint (googleTokenIssuer from @mova/sdk/testing). The connection names both the way users name a
// Private Service Connect endpoint: apiUrl and tokenUrl, listed in network.connectionHosts.

const EXAMPLE_ID = '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms';
let id: string;

const suite = googleConformanceSetup({
  hooks: { beforeAll, afterAll, beforeEach, afterEach },
  start: startSheetsApi,
  load: () => loadConnector({ dir: new URL('..', import.meta.url) }),
});
const { run, call: fail, runExamples, last } = suite;

beforeEach(() => {
  id = suite.api.addSpreadsheet('CRM', {
    Customers: [
      ['Name', 'Email', 'Plan', 'Seats'],
      ['Ada Lovelace', 'ada@example.com', 'pro', 5],
      ['Alan Turing', 'alan@example.com', 'free', 1],
      [],
      ['Grace Hopper', 'grace@example.com', 'pro', 12],
    ],
    "Bob's list": [['Item'], ['tea']],
  }).spreadsheetId;
});

describe('every example in the manifest', () => {
  it('runs against a spreadsheet holding the sheets the examples name', async () => {
    suite.api.addSpreadsheet(
      'Examples',
      {
        'Sign-ups': [
          ['Name', 'Email', 'Plan'],
          ['Ada Lovelace', 'ada@example.com', 'pro'],
        ],
        Orders: [
          ['Order', 'Amount', 'Status', 'Shipped on'],
          ...[1, 2, 3, 4, 5, 6].map((n) => [`ord-${n}`, n * 10, 'paid']),
        ],
        Import: [['Id'], ['a'], ['b']],
        'Form Responses 1': [
          ['Timestamp', 'Answer'],
          ['2026-03-01 10:00:00', 'yes'],
        ],
      },
      EXAMPLE_ID,
    );
    const order = [
      'spreadsheets.create',
      'sheets.list',
      'sheets.create',
      'rows.append',
      'rows.read',
      'rows.find',
      'rows.update',
      'rows.clear',
      'rows.delete',
    ];
    await runExamples(order, { triggers: true });
    // Row 7 (ord-6) was marked shipped, then deleted; the two example orders were appended below it.
    expect(suite.api.shown(EXAMPLE_ID, 'Orders').map((row) => row[0])).toEqual([
      'Order',
      ...['ord-1', 'ord-2', 'ord-3', 'ord-4', 'ord-5'],
      ...['ord-1', 'ord-2'],
    ]);
    expect(suite.api.shown(EXAMPLE_ID, 'Sign-ups')).toHaveLength(3);
    expect(suite.api.shown(EXAMPLE_ID, 'Import')).toEqual([['Id'], [], []]);
  });
});

describe('rows', () => {
  it('appends rows by column name after the table, as typed values, inserting rows', async () => {
    const output = await run('rows.append', {
      spreadsheetId: id,
      sheet: 'Customers',
      rows: [
        { Email: 'katherine@example.com', Name: 'Katherine Johnson', Seats: '3' },
        { Name: 'Edsger Dijkstra', Plan: 'free' },
      ],
    });
    expect(output).toEqual({
      updatedRange: 'Customers!A6:D7',
      updatedRows: 2,
      updatedCells: 7,
      firstRowNumber: 6,
      lastRowNumber: 7,
    });
    expect(suite.api.shown(id, 'Customers').slice(5)).toEqual([
      ['Katherine Johnson', 'katherine@example.com', '', '3'],
      ['Edsger Dijkstra', '', 'free'],
    ]);
    // USER_ENTERED parsed "3" as a number, as typing it would.
    expect(suite.api.spreadsheets.get(id)?.sheets[0]?.cells[5]?.[3]).toBe(3);
    const append = last();
    expect(append).toMatchObject({
      method: 'POST',
      path: `/v4/spreadsheets/${id}/values/%27Customers%27%211%3A1:append`,
    });
    expect(append?.query.get('valueInputOption')).toBe('USER_ENTERED');
    expect(append?.query.get('insertDataOption')).toBe('INSERT_ROWS');
    expect(append?.headers.authorization).toMatch(/^Bearer ya29\./);
  });

  it('appends arrays as RAW text, and refuses a column the header row lacks without writing', async () => {
    await run('rows.append', {
      spreadsheetId: id,
      sheet: "Bob's list",
      values: [['007', true]],
      valueInputOption: 'RAW',
    });
    expect(suite.api.spreadsheets.get(id)?.sheets[1]?.cells[2]).toEqual(['007', true]);

    const before = suite.api.shown(id, 'Customers');
    const refused = await fail('rows.append', {
      spreadsheetId: id,
      sheet: 'Customers',
      rows: [{ Mail: 'x@example.com' }],
    });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(refused.error?.message).toContain('"Mail"');
    expect(suite.api.shown(id, 'Customers')).toEqual(before);

    const both = await fail('rows.append', { spreadsheetId: id, sheet: 'Customers', rows: [{}], values: [[]] });
    expect(both).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('reads rows as objects a page at a time, leaving blank rows out', async () => {
    const first = await run('rows.read', { spreadsheetId: id, sheet: 'Customers', limit: 2 });
    expect(first).toEqual({
      headers: ['Name', 'Email', 'Plan', 'Seats'],
      rows: [
        { rowNumber: 2, values: { Name: 'Ada Lovelace', Email: 'ada@example.com', Plan: 'pro', Seats: '5' } },
        { rowNumber: 3, values: { Name: 'Alan Turing', Email: 'alan@example.com', Plan: 'free', Seats: '1' } },
      ],
      nextStartRow: 4,
    });
    expect(last()?.query.getAll('ranges')).toEqual(["'Customers'!1:1", "'Customers'!2:3"]);

    const second = await run('rows.read', {
      spreadsheetId: id,
      sheet: 'Customers',
      startRow: 4,
      limit: 2,
      valueRenderOption: 'UNFORMATTED_VALUE',
    });
    expect(second).toEqual({
      headers: ['Name', 'Email', 'Plan', 'Seats'],
      rows: [{ rowNumber: 5, values: { Name: 'Grace Hopper', Email: 'grace@example.com', Plan: 'pro', Seats: 12 } }],
      nextStartRow: 6,
    });
    const third = await run('rows.read', { spreadsheetId: id, sheet: 'Customers', startRow: 6, limit: 2 });
    expect(third).toEqual({ headers: ['Name', 'Email', 'Plan', 'Seats'], rows: [] });
  });

  it('finds rows by a column value, case-blind unless asked', async () => {
    const found = await run('rows.find', {
      spreadsheetId: id,
      sheet: 'Customers',
      column: 'Email',
      value: 'GRACE@example.com',
    });
    expect(found).toEqual({
      found: true,
      rows: [{ rowNumber: 5, values: { Name: 'Grace Hopper', Email: 'grace@example.com', Plan: 'pro', Seats: '12' } }],
    });
    const pro = await run('rows.find', {
      spreadsheetId: id,
      sheet: 'Customers',
      column: 'Plan',
      value: 'pro',
      limit: 5,
    });
    expect((pro.rows as { rowNumber: number }[]).map((row) => row.rowNumber)).toEqual([2, 5]);
    expect(
      await run('rows.find', {
        spreadsheetId: id,
        sheet: 'Customers',
        column: 'Email',
        value: 'GRACE@example.com',
        caseSensitive: true,
      }),
    ).toEqual({ found: false, rows: [] });
    expect(await run('rows.find', { spreadsheetId: id, sheet: 'Customers', column: 'Seats', value: 12 })).toMatchObject(
      {
        found: true,
      },
    );
    const unknown = await fail('rows.find', { spreadsheetId: id, sheet: 'Customers', column: 'Phone', value: '1' });
    expect(unknown).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('updates only the columns named, or a row from column A', async () => {
    const output = await run('rows.update', {
      spreadsheetId: id,
      sheet: 'Customers',
      rowNumber: 3,
      row: { Plan: 'pro', Name: 'Alan M. Turing' },
    });
    expect(output).toEqual({ updatedRanges: ['Customers!A3', 'Customers!C3'], updatedCells: 2 });
    expect(suite.api.shown(id, 'Customers')[2]).toEqual(['Alan M. Turing', 'alan@example.com', 'pro', '1']);
    expect(last()?.body).toMatchObject({
      valueInputOption: 'USER_ENTERED',
      data: [
        { range: "'Customers'!A3", values: [['Alan M. Turing']] },
        { range: "'Customers'!C3", values: [['pro']] },
      ],
    });

    await run('rows.update', {
      spreadsheetId: id,
      sheet: 'Customers',
      rowNumber: 4,
      values: ['Barbara Liskov', null, 'free'],
    });
    expect(suite.api.shown(id, 'Customers')[3]).toEqual(['Barbara Liskov', '', 'free']);
  });

  it('clears a range or a whole sheet, keeping the rows', async () => {
    expect(await run('rows.clear', { spreadsheetId: id, sheet: 'Customers', range: 'A2:D' })).toEqual({
      clearedRange: 'Customers!A2:D1000',
    });
    expect(suite.api.shown(id, 'Customers')).toEqual([['Name', 'Email', 'Plan', 'Seats'], [], [], [], []]);
    expect(await run('rows.clear', { spreadsheetId: id, sheet: "Bob's list" })).toEqual({
      clearedRange: "'Bob''s list'!A1:Z1000",
    });
    expect(suite.api.shown(id, "Bob's list")).toEqual([[], []]);
  });

  it('deletes rows so the ones below move up', async () => {
    expect(await run('rows.delete', { spreadsheetId: id, sheet: 'Customers', startRow: 3, count: 2 })).toEqual({
      deletedRows: 2,
    });
    expect(suite.api.shown(id, 'Customers').map((row) => row[0])).toEqual(['Name', 'Ada Lovelace', 'Grace Hopper']);
    const sheetId = suite.api.spreadsheets.get(id)?.sheets[0]?.sheetId;
    expect(last()?.body).toEqual({
      requests: [{ deleteDimension: { range: { sheetId, dimension: 'ROWS', startIndex: 2, endIndex: 4 } } }],
    });
    const missing = await fail('rows.delete', { spreadsheetId: id, sheet: 'Nope', startRow: 2 });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });
});

describe('sheets and spreadsheets', () => {
  it('lists the sheets with their grid size', async () => {
    const [customers, bobs] = suite.api.spreadsheets.get(id)?.sheets ?? [];
    expect(await run('sheets.list', { spreadsheetId: id })).toEqual({
      spreadsheetId: id,
      title: 'CRM',
      sheets: [
        { sheetId: customers?.sheetId, title: 'Customers', index: 0, rowCount: 1000, columnCount: 26, hidden: false },
        { sheetId: bobs?.sheetId, title: "Bob's list", index: 1, rowCount: 1000, columnCount: 26, hidden: false },
      ],
    });
  });

  it('adds a sheet with its header row, and refuses a name in use', async () => {
    const added = await run('sheets.create', {
      spreadsheetId: id,
      title: 'Q2 Leads',
      headers: ['Name', 'Source'],
      rowCount: 50,
      columnCount: 5,
      index: 0,
    });
    expect(added).toMatchObject({ title: 'Q2 Leads', index: 0, rowCount: 50, columnCount: 5, hidden: false });
    expect(suite.api.spreadsheets.get(id)?.sheets.map((sheet) => sheet.title)).toEqual([
      'Q2 Leads',
      'Customers',
      "Bob's list",
    ]);
    expect(suite.api.shown(id, 'Q2 Leads')).toEqual([['Name', 'Source']]);

    const again = await fail('sheets.create', { spreadsheetId: id, title: 'customers' });
    expect(again).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(again.error?.message).toContain('already exists');
  });

  it('creates a spreadsheet with named sheets', async () => {
    const created = await run('spreadsheets.create', { title: 'Board', sheets: ['Todo', 'Done'], locale: 'de_DE' });
    const spreadsheet = suite.api.spreadsheets.get(String(created.spreadsheetId));
    expect(spreadsheet).toMatchObject({ title: 'Board', locale: 'de_DE' });
    expect(created).toMatchObject({
      title: 'Board',
      spreadsheetUrl: `https://docs.google.com/spreadsheets/d/${created.spreadsheetId}/edit`,
      sheets: [
        { title: 'Todo', index: 0 },
        { title: 'Done', index: 1 },
      ],
    });
    expect(last()?.body).toEqual({
      properties: { title: 'Board', locale: 'de_DE' },
      sheets: [{ properties: { title: 'Todo' } }, { properties: { title: 'Done' } }],
    });
  });
});

describe('rows.new', () => {
  it('records the rows there are, then emits the rows added below them', async () => {
    const input = { spreadsheetId: id, sheet: 'Customers' };
    const first = await suite.connector.poll('rows.new', input, { auth: suite.auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });
    await run('rows.append', {
      spreadsheetId: id,
      sheet: 'Customers',
      values: [['Radia Perlman', 'radia@example.com', 'pro', 2]],
    });

    const second = await suite.connector.poll('rows.new', input, { auth: suite.auth, state: first.state });
    expect(second).toMatchObject({ status: 'completed' });
    expect(second.items).toEqual([
      { rowNumber: 6, values: { Name: 'Radia Perlman', Email: 'radia@example.com', Plan: 'pro', Seats: '2' } },
    ]);
    const third = await suite.connector.poll('rows.new', input, { auth: suite.auth, state: second.state });
    expect(third.items).toEqual([]);
  });
});

describe('failures', () => {
  it('reports a spreadsheet that does not exist as not found, with a hint', async () => {
    const result = await fail('sheets.list', { spreadsheetId: 'doesNotExist123' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(result.error?.message).toContain('Requested entity was not found.');
  });

  it('reports a rate limit with its Retry-After', async () => {
    suite.api.answerNext('GET', '/v4/spreadsheets/:id', {
      status: 429,
      headers: { 'retry-after': '30' },
      body: {
        error: {
          code: 429,
          message: "Quota exceeded for quota metric 'Read requests' and limit 'Read requests per minute per user'.",
          status: 'RESOURCE_EXHAUSTED',
          details: [{ '@type': 'type.googleapis.com/google.rpc.ErrorInfo', reason: 'RATE_LIMIT_EXCEEDED' }],
        },
      },
    });
    const result = await fail('sheets.list', { spreadsheetId: id });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 429, retryAfter: 30 } });
  });

  it('reports a range Sheets cannot parse as invalid input', async () => {
    const result = await fail('rows.read', { spreadsheetId: id, sheet: 'No such tab' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'invalid_input', status: 400 } });
    expect(result.error?.message).toContain('Unable to parse range');
  });

  it('reports a refused access token, a revoked refresh token and a foreign key as auth', async () => {
    const bare = await fail(
      'sheets.list',
      { spreadsheetId: id },
      { accessToken: 'ya29.expired', apiUrl: suite.api.url },
    );
    expect(bare).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 401 } });

    const revoked = await fail(
      'sheets.list',
      { spreadsheetId: id },
      {
        refreshToken: '1//revoked',
        clientId: 'c.apps.googleusercontent.com',
        clientSecret: 's',
        apiUrl: suite.api.url,
        tokenUrl: suite.api.tokenUrl,
      },
    );
    expect(revoked).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 400 } });
    expect(revoked.error?.message).toContain('invalid_grant');
  });

  it('uses a refresh token, and a service account acting as a Workspace user', async () => {
    suite.api.tokens.refreshTokens.set('1//good', {
      clientId: 'c.apps.googleusercontent.com',
      clientSecret: 's3cret',
      scope: 'https://www.googleapis.com/auth/spreadsheets',
    });
    const oauth = {
      refreshToken: '1//good',
      clientId: 'c.apps.googleusercontent.com',
      clientSecret: 's3cret',
      apiUrl: suite.api.url,
      tokenUrl: suite.api.tokenUrl,
    };
    expect(await run('sheets.list', { spreadsheetId: id }, oauth)).toMatchObject({ title: 'CRM' });

    const delegated = {
      serviceAccountKey: suite.account.keyFile(),
      subject: 'ops@example.com',
      apiUrl: suite.api.url,
      tokenUrl: suite.api.tokenUrl,
    };
    await run('sheets.list', { spreadsheetId: id }, delegated);
    const token = String(last()?.headers.authorization).replace('Bearer ', '');
    expect(suite.api.tokens.issued.get(token)).toEqual({
      scope: 'https://www.googleapis.com/auth/spreadsheets',
      subject: 'ops@example.com',
    });
  });
});
