import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { detectDelimiter, parseCsv, readSource } from '../client.js';
import { cell, delimiterField, quoteField, sourceFields } from '../schemas.js';

export const parseCsvAction = defineAction({
  auth,
  key: 'parse',
  title: 'Parse CSV to rows',
  description:
    'Reads CSV text or a CSV file into rows: objects keyed by the header row (or by the column names you give), or arrays of fields without a header. Handles quoted fields with delimiters and line breaks, a byte order mark, any delimiter, trimming, and optional typing of numbers, booleans and empty fields.',
  input: Type.Object({
    ...sourceFields,
    header: Type.Boolean({
      default: true,
      description: 'The first row holds the column names (default true); false reads every row as data',
    }),
    columns: Type.Optional(
      Type.Array(Type.String(), {
        minItems: 1,
        description:
          'Column names to key the rows by: they replace the header row when header is true, and name the columns of a file without one',
      }),
    ),
    delimiter: delimiterField(false),
    quote: quoteField,
    escape: Type.Optional(
      Type.String({
        maxLength: 1,
        description: 'Character that escapes a quote inside a quoted field; the quote itself by default ("")',
      }),
    ),
    trim: Type.Boolean({
      default: false,
      description: 'Remove spaces and tabs around unquoted fields (quoted fields keep theirs)',
    }),
    skipEmptyLines: Type.Boolean({ default: true, description: 'Ignore blank lines instead of reading empty rows' }),
    relaxColumnCount: Type.Boolean({
      default: false,
      description:
        'Accept rows with fewer or more fields than the header (missing fields are left out, extra ones dropped) instead of failing',
    }),
    comment: Type.Optional(
      Type.String({ minLength: 1, maxLength: 1, description: 'Skip lines starting with this character, e.g. "#"' }),
    ),
    fromLine: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Start reading at this line (1-based), skipping a preamble above the header',
      }),
    ),
    castNumbers: Type.Boolean({
      default: false,
      description:
        'Turn fields written as plain decimal numbers into numbers ("42", "-3.5", "1e3"); "007", "+1" and "1,000" stay text',
    }),
    castBooleans: Type.Boolean({ default: false, description: 'Turn "true" and "false" (any case) into booleans' }),
    emptyAsNull: Type.Boolean({
      default: false,
      description: 'Turn empty unquoted fields into null; a quoted empty field ("") stays an empty string',
    }),
    limit: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Return at most this many rows (the header not counted)' }),
    ),
  }),
  output: Type.Object({
    rows: Type.Array(Type.Union([Type.Record(Type.String(), cell), Type.Array(cell)]), {
      description: 'The rows: objects keyed by column name, or arrays of fields when there are no column names',
    }),
    columns: Type.Union([Type.Array(Type.String()), Type.Null()], {
      description: 'The column names the rows are keyed by, or null for array rows',
    }),
    count: Type.Integer({ description: 'Number of rows returned' }),
    truncated: Type.Boolean({ description: 'True when limit stopped the reading before the end of the CSV' }),
    delimiter: Type.String({ description: 'The delimiter used (the detected one with "auto")' }),
  }),
  examples: [
    {
      title: 'A header row and typed values',
      input: {
        text: 'id,name,active,score\n1,Ada,true,9.5\n2,"Lovelace, Ada",false,\n',
        castNumbers: true,
        castBooleans: true,
        emptyAsNull: true,
      },
      output: {
        rows: [
          { id: 1, name: 'Ada', active: true, score: 9.5 },
          { id: 2, name: 'Lovelace, Ada', active: false, score: null },
        ],
        columns: ['id', 'name', 'active', 'score'],
        count: 2,
        truncated: false,
        delimiter: ',',
      },
    },
    {
      title: 'Semicolons, no header, the first row only',
      input: { text: 'a;b\nc;d\n', delimiter: ';', header: false, limit: 1 },
      output: { rows: [['a', 'b']], columns: null, count: 1, truncated: true, delimiter: ';' },
    },
  ],
  async run({ input, ctx }) {
    const text = readSource(input, ctx.actionKey);
    const delimiter = input.delimiter === 'auto' ? detectDelimiter(text, input.quote) : input.delimiter;
    const parsed = parseCsv(
      text,
      {
        delimiter,
        quote: input.quote,
        escape: input.escape,
        header: input.header,
        columns: input.columns,
        trim: input.trim,
        skipEmptyLines: input.skipEmptyLines,
        relaxColumnCount: input.relaxColumnCount,
        comment: input.comment,
        fromLine: input.fromLine,
        limit: input.limit,
        numbers: input.castNumbers,
        booleans: input.castBooleans,
        emptyAsNull: input.emptyAsNull,
      },
      ctx.actionKey,
    );
    return { ...parsed, count: parsed.rows.length, delimiter };
  },
});
