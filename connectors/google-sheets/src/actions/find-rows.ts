import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { cellField, headerRowField, rowSchema, sheetField, spreadsheetIdField, valueRenderField } from '../schemas.js';
import { readTable } from '../table.js';

export const findRows = defineAction({
  auth,
  key: 'rows.find',
  title: 'Find rows',
  description:
    'Finds the rows whose cell in a column equals a value (reading the sheet with spreadsheets.values.batchGet and comparing each row), e.g. the row of a customer by email.',
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    sheet: sheetField,
    column: Type.String({ minLength: 1, description: 'Column name, as written in the header row' }),
    value: cellField,
    caseSensitive: Type.Boolean({
      default: false,
      description: 'Compare text with its case (default: "ADA@example.com" matches "ada@example.com")',
    }),
    headerRow: Type.Optional(headerRowField),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Most rows to return (default 100)' }),
    valueRenderOption: Type.Optional(valueRenderField),
  }),
  output: Type.Object({
    rows: Type.Array(rowSchema, { description: 'Matching rows, in sheet order' }),
    found: Type.Boolean({ description: 'Whether any row matched' }),
  }),
  examples: [
    {
      title: 'The sign-up of one email',
      input: {
        spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        sheet: 'Sign-ups',
        column: 'Email',
        value: 'ada@example.com',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { headers, rows } = await withSheets(auth, ctx, (api, options) =>
      readTable(
        api,
        {
          spreadsheetId: input.spreadsheetId,
          sheet: input.sheet,
          headerRow: input.headerRow ?? 1,
          valueRenderOption: input.valueRenderOption,
        },
        options.signal,
      ),
    );
    if (!headers.includes(input.column)) {
      throw new ConnectorError(
        `No column named "${input.column}" in the header row`,
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        `The header row names: ${headers.map((name) => `"${name}"`).join(', ') || 'nothing (it is empty)'}.`,
      );
    }
    const normalize = (cell: unknown) => (input.caseSensitive ? String(cell) : String(cell).toLowerCase());
    const wanted = normalize(input.value);
    const matches = rows.filter((row) => normalize(row.values[input.column]) === wanted).slice(0, input.limit);
    return { rows: matches, found: matches.length > 0 };
  },
});
