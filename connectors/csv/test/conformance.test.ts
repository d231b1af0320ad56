import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in (a worker thread with no network at all: the
// manifest allows no host). CSV needs no server, so the reference is the data itself: outputs are
// checked against the text they came from, and built CSV is read back with csv-parse directly.
let csv: ConnectorUnderTest;

beforeAll(async () => {
  csv = await loadConnector({ dir: new URL('..', import.meta.url) });
});
afterAll(async () => {
  await csv.close();
});

const run = (action: string, input: unknown) => csv.run(action, input);

describe('every example in the manifest', () => {
  it('gives the output it shows', async () => {
    expect(csv.manifest.network).toEqual({ allow: [] });
    for (const action of csv.manifest.actions) {
      for (const example of action.examples) {
        const result = await run(action.key, example.input);
        expect(result, `${action.key}: ${example.title ?? ''}`).toMatchObject({
          status: 'completed',
          isolation: 'worker',
        });
        expect(result.output, `${action.key}: ${example.title ?? ''}`).toEqual(example.output);
      }
    }
  });
});

describe('parse', () => {
  const orders = [
    'order,customer,note,total,paid',
    '1001,"Lovelace, Ada","said ""hi""",12.50,true',
    '1002,Grace Hopper,"two',
    'lines",,FALSE',
    '1003, Alan Turing ,"",007,maybe',
  ].join('\r\n');

  it('reads quoted delimiters, escaped quotes and line breaks inside fields', async () => {
    const result = await run('parse', { text: orders });
    expect(result.status).toBe('completed');
    expect(result.output).toEqual({
      rows: [
        { order: '1001', customer: 'Lovelace, Ada', note: 'said "hi"', total: '12.50', paid: 'true' },
        { order: '1002', customer: 'Grace Hopper', note: 'two\r\nlines', total: '', paid: 'FALSE' },
        { order: '1003', customer: ' Alan Turing ', note: '', total: '007', paid: 'maybe' },
      ],
      columns: ['order', 'customer', 'note', 'total', 'paid'],
      count: 3,
      truncated: false,
      delimiter: ',',
    });
  });

  it('types numbers, booleans and empty fields, trims, and keeps look-alikes as text', async () => {
    const result = await run('parse', {
      text: orders,
      castNumbers: true,
      castBooleans: true,
      emptyAsNull: true,
      trim: true,
    });
    expect(result.status).toBe('completed');
    const { rows } = result.output as { rows: Record<string, unknown>[] };
    expect(rows[0]).toEqual({ order: 1001, customer: 'Lovelace, Ada', note: 'said "hi"', total: 12.5, paid: true });
    // Unquoted empty → null; quoted "" stays ''; "007" and "maybe" stay text; trim drops the spaces.
    expect(rows[1]).toMatchObject({ total: null, paid: false });
    expect(rows[2]).toEqual({ order: 1003, customer: 'Alan Turing', note: '', total: '007', paid: 'maybe' });
  });

  it('reads files as base64 bytes, in latin1 too, dropping a byte order mark', async () => {
    const utf8 = Buffer.from('\uFEFFnom;ville\nZoë;Köln\n', 'utf8').toString('base64');
    expect((await run('parse', { contentBase64: utf8, delimiter: ';' })).output).toMatchObject({
      rows: [{ nom: 'Zoë', ville: 'Köln' }],
      columns: ['nom', 'ville'],
    });
    const latin1 = Buffer.from('nom;ville\nZoë;Köln\n', 'latin1').toString('base64');
    expect((await run('parse', { contentBase64: latin1, encoding: 'latin1', delimiter: 'auto' })).output).toMatchObject(
      { rows: [{ nom: 'Zoë', ville: 'Köln' }], delimiter: ';' },
    );
  });

  it('reads rows as arrays without a header, or names the columns itself', async () => {
    const text = 'a\tb\nc\td\n';
    expect((await run('parse', { text, header: false, delimiter: '\t' })).output).toMatchObject({
      rows: [
        ['a', 'b'],
        ['c', 'd'],
      ],
      columns: null,
    });
    expect((await run('parse', { text, header: false, delimiter: '\t', columns: ['x', 'y'] })).output).toMatchObject({
      rows: [
        { x: 'a', y: 'b' },
        { x: 'c', y: 'd' },
      ],
      columns: ['x', 'y'],
    });
    expect((await run('parse', { text, delimiter: 'auto', columns: ['x', 'y'] })).output).toMatchObject({
      rows: [{ x: 'c', y: 'd' }],
      columns: ['x', 'y'],
      delimiter: '\t',
    });
  });

  it('stops at the row limit and says so; skips a preamble and comments', async () => {
    const text = 'Exported 2024-05-01\nid\n# a comment\n1\n2\n3\n';
    expect((await run('parse', { text, fromLine: 2, comment: '#', limit: 2 })).output).toEqual({
      rows: [{ id: '1' }, { id: '2' }],
      columns: ['id'],
      count: 2,
      truncated: true,
      delimiter: ',',
    });
    expect((await run('parse', { text, fromLine: 2, comment: '#', limit: 3 })).output).toMatchObject({
      count: 3,
      truncated: false,
    });
  });

  it('reads quotes as text when quote is empty', async () => {
    expect((await run('parse', { text: 'a,b\n5" disk,"x\n', quote: '' })).output).toMatchObject({
      rows: [{ a: '5" disk', b: '"x' }],
    });
  });

  it('reports ragged rows, unclosed quotes and duplicate columns as invalid input', async () => {
    const ragged = await run('parse', { text: 'a,b\n1,2,3\n' });
    expect(ragged).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(ragged.error?.message).toMatch(/line 2/);
    expect(ragged.error?.hint).toMatch(/relaxColumnCount/);
    expect((await run('parse', { text: 'a,b\n1,2,3\n4\n', relaxColumnCount: true })).output).toMatchObject({
      rows: [{ a: '1', b: '2' }, { a: '4' }],
    });

    const unclosed = await run('parse', { text: 'a,b\n1,"2\n' });
    expect(unclosed).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(unclosed.error?.message).toMatch(/Quote Not Closed/);

    const twice = await run('parse', { text: 'id,id\n1,2\n' });
    expect(twice).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(twice.error?.message).toMatch(/"id" appears twice/);

    const neither = await run('parse', {});
    expect(neither).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const both = await run('parse', { text: 'a', contentBase64: 'YQ==' });
    expect(both).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('build', () => {
  it('writes CSV that csv-parse reads back to the same rows', async () => {
    const rows = [
      { id: 1, name: 'Lovelace, Ada', note: 'said "hi"\nthen left', vip: true, tags: ['a', 'b'] },
      { id: 2, name: 'Grace', note: null, vip: false, extra: 'only here' },
    ];
    const result = await run('build', { rows, lineEnding: 'crlf', bom: true });
    expect(result.status).toBe('completed');
    const output = result.output as { text: string; contentBase64: string; rows: number; columns: string[] };
    expect(output.columns).toEqual(['id', 'name', 'note', 'vip', 'tags', 'extra']);
    expect(output.rows).toBe(2);
    expect(output.text.startsWith('\uFEFFid,name,note,vip,tags,extra\r\n')).toBe(true);
    expect(Buffer.from(output.contentBase64, 'base64').toString('utf8')).toBe(output.text);
    expect(parse(output.text, { bom: true, columns: true })).toEqual([
      { id: '1', name: 'Lovelace, Ada', note: 'said "hi"\nthen left', vip: 'true', tags: '["a","b"]', extra: '' },
      { id: '2', name: 'Grace', note: '', vip: 'false', tags: '', extra: 'only here' },
    ]);
  });

  it('quotes every field, uses another delimiter and defuses formulas in text (numbers stay numbers)', async () => {
    const result = await run('build', {
      rows: [{ cell: '=HYPERLINK("http://x")', at: '@SUM(A1)', n: -5 }],
      delimiter: ';',
      quoteAll: true,
      escapeFormulas: true,
    });
    expect(result.output).toMatchObject({ text: '"cell";"at";"n"\n"\'=HYPERLINK(""http://x"")";"\'@SUM(A1)";"-5"\n' });
  });

  it('refuses array rows mixed with objects, and array rows with a header but no names', async () => {
    expect(await run('build', { rows: [['a'], { b: 1 }] })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
    expect(await run('build', { rows: [['a']] })).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('inspect', () => {
  it('detects the delimiter, counts the rows and samples them', async () => {
    const text = '\uFEFFname|city|zip\nAda|London|00501\nGrace|"New York|NY"|10001\n\nAlan|Wilmslow|SK9\n';
    const result = await run('inspect', { text, sampleSize: 2 });
    expect(result.status).toBe('completed');
    expect(result.output).toEqual({
      delimiter: '|',
      columns: ['name', 'city', 'zip'],
      columnCount: 3,
      rowCount: 3,
      lineEnding: 'lf',
      bom: true,
      sample: [
        { name: 'Ada', city: 'London', zip: '00501' },
        { name: 'Grace', city: 'New York|NY', zip: '10001' },
      ],
    });
    // The count agrees with what csv-parse itself reads.
    expect(parse(text, { bom: true, delimiter: '|', columns: true, skip_empty_lines: true })).toHaveLength(3);
  });

  it('describes a file without a header', async () => {
    const contentBase64 = Buffer.from('1,2\r\n3,4\r\n').toString('base64');
    expect((await run('inspect', { contentBase64, header: false, sampleSize: 0 })).output).toEqual({
      delimiter: ',',
      columns: null,
      columnCount: 2,
      rowCount: 2,
      lineEnding: 'crlf',
      bom: false,
      sample: [],
    });
  });
});

describe('append', () => {
  it('adds rows under the existing columns, keeping delimiter and line ending', async () => {
    const existing = 'id;name;email\r\n1;Ada;ada@example.com';
    const result = await run('append', {
      csv: existing,
      rows: [
        { email: 'grace@example.com', id: 2, name: 'Grace; H.' },
        { id: 3, name: 'Alan' },
      ],
    });
    expect(result.status).toBe('completed');
    expect(result.output).toEqual({
      text: 'id;name;email\r\n1;Ada;ada@example.com\r\n2;"Grace; H.";grace@example.com\r\n3;Alan;\r\n',
      appended: 2,
      columns: ['id', 'name', 'email'],
    });
    const text = (result.output as { text: string }).text;
    expect(parse(text, { delimiter: ';', columns: true })).toHaveLength(3);
  });

  it('starts an empty CSV with a header from the keys', async () => {
    expect((await run('append', { csv: '', rows: [{ a: 1 }, { b: 2 }] })).output).toEqual({
      text: 'a,b\n1,\n,2\n',
      appended: 2,
      columns: ['a', 'b'],
    });
  });

  it('refuses keys that are no column unless told to drop them', async () => {
    const refused = await run('append', { csv: 'id\n1\n', rows: [{ id: 2, nope: 'x' }] });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(refused.error?.message).toMatch(/nope/);
    expect(
      (await run('append', { csv: 'id\n1\n', rows: [{ id: 2, nope: 'x' }], ignoreUnknownKeys: true })).output,
    ).toMatchObject({ text: 'id\n1\n2\n' });
  });
});
