import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { sheetField, spreadsheetIdField } from '../schemas.js';
import { sheetIdOf } from '../sheet-id.js';

export const deleteRows = defineAction({
  auth,
  key: 'rows.delete',
  title: 'Delete rows',
  description:
    'Removes rows from a sheet (spreadsheets.batchUpdate deleteDimension); the rows below move up, so their row numbers change.',
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    sheet: sheetField,
    startRow: Type.Integer({ minimum: 1, description: 'Row number of the first row to delete' }),
    count: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 1,
      description: 'How many rows to delete (default 1)',
    }),
  }),
  output: Type.Object({
    deletedRows: Type.Integer({ minimum: 0, description: 'Number of rows deleted' }),
  }),
  examples: [
    {
      title: 'Delete row 7',
      input: { spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms', sheet: 'Orders', startRow: 7 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSheets(auth, ctx, async (api, options) => {
      const sheetId = await sheetIdOf(api, input.spreadsheetId, input.sheet, options.signal, ctx.actionKey);
      await api.spreadsheets.batchUpdate(
        {
          spreadsheetId: input.spreadsheetId,
          requestBody: {
            requests: [
              {
                deleteDimension: {
                  // GridRange indexes are 0-based and the end is exclusive.
                  range: {
                    sheetId,
                    dimension: 'ROWS',
                    startIndex: input.startRow - 1,
                    endIndex: input.startRow - 1 + input.count,
                  },
                },
              },
            ],
          },
        },
        options,
      );
      return { deletedRows: input.count };
    });
  },
});
