import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { buildCsv, detectDelimiter, lineEndingOf, parseCsv } from '../client.js';
import { invalidInput } from '../errors.js';
import { quoteField } from '../schemas.js';

export const appendRowsAction = defineAction({
  auth,
  key: 'append',
  title: 'Append rows to a CSV',
  description:
    "Adds rows at the end of existing CSV text, each field under the existing header's column of the same name, keeping the CSV's delimiter and line ending. An empty CSV gets a header made from the rows' keys first.",
  input: Type.Object({
    csv: Type.String({ description: 'The existing CSV text with its header row; may be empty' }),
    rows: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      minItems: 1,
      description: 'Rows to add, as objects keyed by column name',
    }),
    delimiter: Type.String({
      minLength: 1,
      maxLength: 10,
      default: 'auto',
      description:
        'Field separator of the CSV; "auto" (default) detects it among , ; tab |, and uses "," for an empty CSV',
    }),
    quote: Type.String({ minLength: 1, maxLength: 1, default: '"', description: quoteField.description }),
    ignoreUnknownKeys: Type.Boolean({
      default: false,
      description: 'Drop row keys that are not a column of the header instead of failing',
    }),
  }),
  output: Type.Object({
    text: Type.String({ description: 'The CSV with the rows added' }),
    appended: Type.Integer({ description: 'Number of rows added' }),
    columns: Type.Array(Type.String(), { description: 'The header columns the rows were written under' }),
  }),
  examples: [
    {
      input: { csv: 'id,name\n1,Ada\n', rows: [{ name: 'Grace', id: 2 }] },
      output: { text: 'id,name\n1,Ada\n2,Grace\n', appended: 1, columns: ['id', 'name'] },
    },
  ],
  async run({ input, ctx }) {
    const empty = input.csv.trim() === '';
    const delimiter =
      input.delimiter !== 'auto' ? input.delimiter : empty ? ',' : detectDelimiter(input.csv, input.quote);
    const ending = lineEndingOf(input.csv);
    const lineEnding = ending === 'crlf' ? 'crlf' : 'lf';
    const settings = { delimiter, quote: input.quote, quoteAll: false, lineEnding, escapeFormulas: false } as const;
    let columns: string[];
    let head = input.csv;
    if (empty) {
      columns = [...new Set(input.rows.flatMap((row) => Object.keys(row)))];
      head = buildCsv([columns], { ...settings, columns: [] }, ctx.actionKey);
    } else {
      const header = parseCsv(
        input.csv,
        {
          delimiter,
          quote: input.quote,
          header: false,
          trim: false,
          skipEmptyLines: true,
          relaxColumnCount: true,
          limit: 1,
          numbers: false,
          booleans: false,
          emptyAsNull: false,
        },
        ctx.actionKey,
      ).rows[0];
      columns = Array.isArray(header) ? header.map(String) : [];
      const unknown = [...new Set(input.rows.flatMap((row) => Object.keys(row)))].filter((k) => !columns.includes(k));
      if (unknown.length > 0 && !input.ignoreUnknownKeys) {
        throw invalidInput(
          `the rows have keys that are not columns of the CSV: ${unknown.join(', ')}`,
          ctx.actionKey,
          `Its columns are ${columns.join(', ')}; rename the keys, or set ignoreUnknownKeys to drop them.`,
        );
      }
      if (!/(\r\n|\n|\r)$/.test(head)) head += lineEnding === 'crlf' ? '\r\n' : '\n';
    }
    const body = buildCsv(input.rows, { ...settings, columns }, ctx.actionKey);
    return { text: head + body, appended: input.rows.length, columns };
  },
});
