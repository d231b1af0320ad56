import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { headerRowField, rowSchema, sheetField, spreadsheetIdField, valueRenderField } from '../schemas.js';
import { readTable } from '../table.js';

/** Rows at the end of the sheet each poll considers; more new rows than this between two polls are missed. */
const WINDOW = 500;

export const newRows = defineTrigger({
  auth,
  kind: 'polling',
  key: 'rows.new',
  title: 'New rows',
  description: `Starts a workflow for each row added at the bottom of a sheet: each poll reads the sheet (spreadsheets.values.batchGet) and emits the non-blank rows among the last ${WINDOW} whose row number was not emitted before. Rows inserted above others, or deleting rows, shift row numbers.`,
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    sheet: sheetField,
    headerRow: Type.Optional(headerRowField),
    valueRenderOption: Type.Optional(valueRenderField),
  }),
  output: rowSchema,
  dedupe: { by: 'id', field: 'rowNumber' },
  examples: [
    {
      title: 'New form responses',
      input: { spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms', sheet: 'Form Responses 1' },
    },
  ],
  async poll({ input, auth, ctx }) {
    const { rows } = await withSheets(auth, ctx, (api, options) =>
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
    return rows.slice(-WINDOW);
  },
});
