import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { columnLetter, quoteSheet } from '../a1.js';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { rowCells } from '../rows.js';
import {
  headerRowField,
  rowArrayField,
  rowValuesField,
  sheetField,
  spreadsheetIdField,
  valueInputField,
} from '../schemas.js';
import { readHeaders } from '../table.js';

export const updateRow = defineAction({
  auth,
  key: 'rows.update',
  title: 'Update a row',
  description:
    'Writes cells of one row (spreadsheets.values.batchUpdate): by column name, changing only the columns given, or as an array of cells from column A. Find the row number with rows.find.',
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    sheet: sheetField,
    rowNumber: Type.Integer({ minimum: 1, description: 'Row number to write (1-based, as shown at the left)' }),
    row: Type.Optional(rowValuesField),
    values: Type.Optional(rowArrayField),
    headerRow: Type.Optional(headerRowField),
    valueInputOption: Type.Optional(valueInputField),
  }),
  output: Type.Object({
    updatedRanges: Type.Array(Type.String(), { description: 'A1 ranges written' }),
    updatedCells: Type.Integer({ minimum: 0, description: 'Number of cells written' }),
  }),
  examples: [
    {
      title: 'Mark an order shipped',
      input: {
        spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        sheet: 'Orders',
        rowNumber: 7,
        row: { Status: 'shipped', 'Shipped on': '2026-03-14' },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    if ((input.row === undefined) === (input.values === undefined)) {
      throw new ConnectorError('Give either row (by column name) or values (an array), not both or neither', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    return withSheets(auth, ctx, async (api, options) => {
      let cells = input.values ?? [];
      if (input.row) {
        const headers = await readHeaders(api, input.spreadsheetId, input.sheet, input.headerRow ?? 1, options.signal);
        cells = rowCells(headers, input.row, ctx.actionKey);
      }
      // One value range per run of given cells, so the columns left out keep what they hold.
      const data = runsOf(cells).map((run) => ({
        range: `${quoteSheet(input.sheet)}!${columnLetter(run.column)}${input.rowNumber}`,
        majorDimension: 'ROWS',
        values: [run.cells],
      }));
      if (data.length === 0) return { updatedRanges: [], updatedCells: 0 };
      const response = await api.spreadsheets.values.batchUpdate(
        {
          spreadsheetId: input.spreadsheetId,
          requestBody: { valueInputOption: input.valueInputOption ?? 'USER_ENTERED', data },
        },
        options,
      );
      return {
        updatedRanges: (response.data.responses ?? []).map((written) => written.updatedRange ?? ''),
        updatedCells: response.data.totalUpdatedCells ?? 0,
      };
    });
  },
});

/** Consecutive non-null cells, each with the index of its first column. */
function runsOf(cells: readonly unknown[]): { column: number; cells: unknown[] }[] {
  const runs: { column: number; cells: unknown[] }[] = [];
  cells.forEach((cell, i) => {
    if (cell === null) return;
    const last = runs.at(-1);
    if (last && last.column + last.cells.length === i) last.cells.push(cell);
    else runs.push({ column: i, cells: [cell] });
  });
  return runs;
}
