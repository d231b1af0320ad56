import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { rowSpanOf, rowsRange } from '../a1.js';
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

export const appendRows = defineAction({
  auth,
  key: 'rows.append',
  title: 'Append rows',
  description:
    'Adds rows after the last row of the table that starts at the header row (spreadsheets.values.append, inserting new rows). Give rows as objects keyed by column name, or as arrays of cells from column A.',
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    sheet: sheetField,
    rows: Type.Optional(
      Type.Array(rowValuesField, { minItems: 1, maxItems: 10_000, description: 'Rows as cells by column name' }),
    ),
    values: Type.Optional(
      Type.Array(rowArrayField, {
        minItems: 1,
        maxItems: 10_000,
        description: 'Rows as arrays of cells from column A',
      }),
    ),
    headerRow: Type.Optional(headerRowField),
    valueInputOption: Type.Optional(valueInputField),
  }),
  output: Type.Object({
    updatedRange: Type.String({ description: 'A1 range the rows were written to, e.g. Sheet1!A5:C6' }),
    updatedRows: Type.Integer({ minimum: 0, description: 'Number of rows written' }),
    updatedCells: Type.Integer({ minimum: 0, description: 'Number of cells written' }),
    firstRowNumber: Type.Integer({ minimum: 1, description: 'Row number of the first row added' }),
    lastRowNumber: Type.Integer({ minimum: 1, description: 'Row number of the last row added' }),
  }),
  examples: [
    {
      title: 'Add a sign-up by column name',
      input: {
        spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        sheet: 'Sign-ups',
        rows: [{ Name: 'Ada Lovelace', Email: 'ada@example.com', Plan: 'pro' }],
      },
    },
    {
      title: 'Add two rows as arrays',
      input: {
        spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        sheet: 'Orders',
        values: [
          ['ord-1', 42.5, 'paid'],
          ['ord-2', 17, 'open'],
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    if ((input.rows === undefined) === (input.values === undefined)) {
      throw new ConnectorError('Give either rows (by column name) or values (arrays), not both or neither', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const headerRow = input.headerRow ?? 1;
    return withSheets(auth, ctx, async (api, options) => {
      let values = input.values;
      if (input.rows) {
        const headers = await readHeaders(api, input.spreadsheetId, input.sheet, headerRow, options.signal);
        // An append writes whole rows: a column a row leaves out is written empty, not skipped.
        values = input.rows.map((row) => rowCells(headers, row, ctx.actionKey).map((cell) => cell ?? ''));
      }
      const { data } = await api.spreadsheets.values.append(
        {
          spreadsheetId: input.spreadsheetId,
          range: rowsRange(input.sheet, headerRow),
          valueInputOption: input.valueInputOption ?? 'USER_ENTERED',
          insertDataOption: 'INSERT_ROWS',
          requestBody: { majorDimension: 'ROWS', values },
        },
        options,
      );
      const updates = data.updates ?? {};
      const span = rowSpanOf(updates.updatedRange);
      return {
        updatedRange: updates.updatedRange ?? '',
        updatedRows: updates.updatedRows ?? 0,
        updatedCells: updates.updatedCells ?? 0,
        firstRowNumber: span?.first ?? 1,
        lastRowNumber: span?.last ?? 1,
      };
    });
  },
});
