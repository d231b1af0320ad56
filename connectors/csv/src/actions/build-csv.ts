import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { buildCsv, keysOf } from '../client.js';
import { invalidInput } from '../errors.js';
import { lineEndingField, quoteField } from '../schemas.js';

const column = Type.Union([
  Type.String({ minLength: 1, description: 'Key of the field in each row, also used as its header' }),
  Type.Object({
    key: Type.String({ minLength: 1, description: 'Key of the field in each row' }),
    header: Type.String({ description: 'Header label written for it' }),
  }),
]);

export const buildCsvAction = defineAction({
  auth,
  key: 'build',
  title: 'Build CSV from rows',
  description:
    'Writes rows as CSV text: objects by column key (in the column order you give, or the order keys first appear) or arrays in column order, with a header row, any delimiter, quoting where needed (or everywhere), and numbers, booleans, nulls and nested values written as text.',
  input: Type.Object({
    rows: Type.Array(
      Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Array(Type.Unknown())], {
        description: 'A row: an object by column key, or an array of fields in column order',
      }),
      { description: 'The rows to write' },
    ),
    columns: Type.Optional(
      Type.Array(column, {
        minItems: 1,
        description:
          'Which fields to write, in order, each a key or { key, header }; by default every key of the object rows, in the order they first appear',
      }),
    ),
    header: Type.Boolean({ default: true, description: 'Write a header row first (default true)' }),
    delimiter: Type.String({
      minLength: 1,
      maxLength: 10,
      default: ',',
      description: 'Field separator, e.g. "," (default), ";", "|" or "\\t" for tab',
    }),
    quote: Type.String({ minLength: 1, maxLength: 1, default: '"', description: quoteField.description }),
    quoteAll: Type.Boolean({
      default: false,
      description: 'Quote every field, not only those holding a delimiter, quote or line break',
    }),
    lineEnding: lineEndingField,
    bom: Type.Boolean({
      default: false,
      description: 'Start with a UTF-8 byte order mark, so Excel opens non-ASCII text correctly',
    }),
    escapeFormulas: Type.Boolean({
      default: false,
      description:
        'Prefix text fields starting with = + - @ tab or carriage return with a quote (numbers are left as they are), so a spreadsheet shows them as text instead of running them as formulas (CSV injection)',
    }),
  }),
  output: Type.Object({
    text: Type.String({ description: 'The CSV text' }),
    contentBase64: Type.String({ description: 'The same CSV as UTF-8 bytes in base64, to attach or upload as a file' }),
    rows: Type.Integer({ description: 'Number of data rows written (the header not counted)' }),
    columns: Type.Array(Type.String(), { description: 'Header labels of the columns written, in order' }),
  }),
  examples: [
    {
      title: 'Objects, with the columns picked and renamed',
      input: {
        rows: [
          { id: 1, name: 'Ada', email: 'ada@example.com', vip: true },
          { id: 2, name: 'Grace, H.', email: null, vip: false },
        ],
        columns: ['id', { key: 'name', header: 'Full name' }, 'vip'],
      },
      output: {
        text: 'id,Full name,vip\n1,Ada,true\n2,"Grace, H.",false\n',
        contentBase64: 'aWQsRnVsbCBuYW1lLHZpcAoxLEFkYSx0cnVlCjIsIkdyYWNlLCBILiIsZmFsc2UK',
        rows: 2,
        columns: ['id', 'Full name', 'vip'],
      },
    },
    {
      title: 'Arrays, semicolons, no header',
      input: {
        rows: [
          ['a', 1],
          ['b', 2],
        ],
        header: false,
        delimiter: ';',
        columns: ['letter', 'n'],
      },
      output: { text: 'a;1\nb;2\n', contentBase64: 'YTsxCmI7Mgo=', rows: 2, columns: ['letter', 'n'] },
    },
  ],
  async run({ input, ctx }) {
    const columns = (input.columns ?? keysOf(input.rows)).map((c) =>
      typeof c === 'string' ? { key: c, header: c } : c,
    );
    const arrays = input.rows.some((row) => Array.isArray(row));
    if (arrays && input.rows.some((row) => !Array.isArray(row))) {
      throw invalidInput(
        'rows mix objects and arrays',
        ctx.actionKey,
        'Give every row as an object, or every row as an array.',
      );
    }
    if (arrays && input.header && input.columns === undefined) {
      throw invalidInput(
        'array rows have no column names for the header',
        ctx.actionKey,
        'Name the columns with `columns`, or set `header: false`.',
      );
    }
    const settings = {
      delimiter: input.delimiter,
      quote: input.quote,
      quoteAll: input.quoteAll,
      lineEnding: input.lineEnding,
      escapeFormulas: input.escapeFormulas,
    };
    // Array rows are written in their own order: the columns only label them.
    const body = buildCsv(input.rows, { ...settings, columns: arrays ? [] : columns.map((c) => c.key) }, ctx.actionKey);
    const header =
      input.header && columns.length > 0
        ? buildCsv([columns.map((c) => c.header)], { ...settings, columns: [] }, ctx.actionKey)
        : '';
    const csv = `${input.bom ? '\uFEFF' : ''}${header}${body}`;
    return {
      text: csv,
      contentBase64: Buffer.from(csv, 'utf8').toString('base64'),
      rows: input.rows.length,
      columns: columns.map((c) => c.header),
    };
  },
});
