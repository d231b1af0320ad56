import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { headerRowField, rowSchema, sheetField, spreadsheetIdField, valueRenderField } from '../schemas.js';
import { readTable } from '../table.js';

export const readRows = defineAction({
  auth,
  key: 'rows.read',
  title: 'Read rows',
  description:
    'Reads data rows of a sheet as objects keyed by the header row (spreadsheets.values.batchGet), a page of rows at a time: pass nextStartRow back as startRow for the next page. Blank rows are left out.',
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    sheet: sheetField,
    headerRow: Type.Optional(headerRowField),
    startRow: Type.Optional(
      Type.Integer({ minimum: 1, description: 'First row number to read (default: the row after the header row)' }),
    ),
    limit: Type.Integer({ minimum: 1, maximum: 10_000, default: 500, description: 'Rows to read (default 500)' }),
    valueRenderOption: Type.Optional(valueRenderField),
  }),
  output: Type.Object({
    headers: Type.Array(Type.String(), { description: 'Column names from the header row' }),
    rows: Type.Array(rowSchema, { description: 'The non-blank rows read, in sheet order' }),
    nextStartRow: Type.Optional(
      Type.Integer({ minimum: 1, description: 'startRow of the next page; absent after the last row' }),
    ),
  }),
  examples: [
    {
      title: 'First 100 orders',
      input: { spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms', sheet: 'Orders', limit: 100 },
    },
  ],
  async run({ input, auth, ctx }) {
    const headerRow = input.headerRow ?? 1;
    const first = Math.max(input.startRow ?? headerRow + 1, headerRow + 1);
    const last = first + input.limit - 1;
    const { headers, rows, rowsRead } = await withSheets(auth, ctx, (api, options) =>
      readTable(
        api,
        {
          spreadsheetId: input.spreadsheetId,
          sheet: input.sheet,
          headerRow,
          rows: { first, last },
          valueRenderOption: input.valueRenderOption,
        },
        options.signal,
      ),
    );
    // Trailing blank rows are not returned: a full page is the only sign more may follow.
    return rowsRead === input.limit ? { headers, rows, nextStartRow: last + 1 } : { headers, rows };
  },
});
