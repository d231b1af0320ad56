import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { detectDelimiter, lineEndingOf, parseCsv, readSource } from '../client.js';
import { cell, delimiterField, quoteField, sourceFields } from '../schemas.js';

export const inspectCsvAction = defineAction({
  auth,
  key: 'inspect',
  title: 'Inspect a CSV',
  description:
    'Describes a CSV before you parse it: the delimiter (detected among , ; tab |), the column names, how many data rows it has, its line ending, whether it starts with a byte order mark, and the first rows as a sample.',
  input: Type.Object({
    ...sourceFields,
    delimiter: delimiterField(true),
    quote: quoteField,
    header: Type.Boolean({ default: true, description: 'The first row holds the column names (default true)' }),
    sampleSize: Type.Integer({
      minimum: 0,
      maximum: 100,
      default: 5,
      description: 'How many of the first data rows to return as a sample (default 5)',
    }),
  }),
  output: Type.Object({
    delimiter: Type.String({ description: 'The delimiter: the detected one with "auto", otherwise the one given' }),
    columns: Type.Union([Type.Array(Type.String()), Type.Null()], {
      description: 'Column names from the header row, or null without one',
    }),
    columnCount: Type.Integer({ description: 'Number of fields in the first row' }),
    rowCount: Type.Integer({ description: 'Number of data rows (blank lines and the header not counted)' }),
    lineEnding: Type.Union([Type.Literal('lf'), Type.Literal('crlf'), Type.Literal('cr'), Type.Literal('none')], {
      description: 'Line ending of the first line: lf, crlf, cr, or none for a single line',
    }),
    bom: Type.Boolean({ description: 'The text starts with a byte order mark' }),
    sample: Type.Array(Type.Union([Type.Record(Type.String(), cell), Type.Array(cell)]), {
      description: 'The first data rows, as parse returns them without casting',
    }),
  }),
  examples: [
    {
      input: { text: 'sku;qty\r\nA-1;3\r\nB-2;5\r\n', sampleSize: 1 },
      output: {
        delimiter: ';',
        columns: ['sku', 'qty'],
        columnCount: 2,
        rowCount: 2,
        lineEnding: 'crlf',
        bom: false,
        sample: [{ sku: 'A-1', qty: '3' }],
      },
    },
  ],
  async run({ input, ctx }) {
    const text = readSource(input, ctx.actionKey);
    const delimiter = input.delimiter === 'auto' ? detectDelimiter(text, input.quote) : input.delimiter;
    const common = {
      delimiter,
      quote: input.quote,
      trim: false,
      skipEmptyLines: true,
      numbers: false,
      booleans: false,
      emptyAsNull: false,
    };
    // Counting reads ragged rows too; the sample is what parse would give.
    const all = parseCsv(text, { ...common, header: false, relaxColumnCount: true }, ctx.actionKey);
    const first = all.rows[0];
    const sample =
      input.sampleSize === 0
        ? []
        : parseCsv(
            text,
            { ...common, header: input.header, relaxColumnCount: true, limit: input.sampleSize },
            ctx.actionKey,
          ).rows;
    const columns = input.header && Array.isArray(first) ? first.map(String) : null;
    return {
      delimiter,
      columns,
      columnCount: Array.isArray(first) ? first.length : 0,
      rowCount: Math.max(0, all.rows.length - (input.header ? 1 : 0)),
      lineEnding: lineEndingOf(text),
      bom: text.startsWith('\uFEFF'),
      sample,
    };
  },
});
