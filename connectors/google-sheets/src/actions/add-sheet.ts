import { defineAction, Type } from '@mova/sdk';
import { rowsRange } from '../a1.js';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { sheetField, sheetSchema, spreadsheetIdField } from '../schemas.js';
import { sheetOf } from '../sheets.js';

export const addSheet = defineAction({
  auth,
  key: 'sheets.create',
  title: 'Add a sheet',
  description:
    'Adds a sheet (tab) to a spreadsheet (spreadsheets.batchUpdate addSheet), optionally writing its header row. A name already used fails as invalid input.',
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    title: sheetField,
    headers: Type.Optional(
      Type.Array(Type.String(), {
        minItems: 1,
        description: 'Column names to write into row 1, e.g. ["Name", "Email"]',
      }),
    ),
    rowCount: Type.Optional(Type.Integer({ minimum: 1, description: 'Rows in the new grid (default 1000)' })),
    columnCount: Type.Optional(Type.Integer({ minimum: 1, description: 'Columns in the new grid (default 26)' })),
    index: Type.Optional(Type.Integer({ minimum: 0, description: 'Tab position, from 0 (default: last)' })),
  }),
  output: sheetSchema,
  examples: [
    {
      title: 'A tab for March with its columns',
      input: {
        spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms',
        title: 'March 2026',
        headers: ['Date', 'Customer', 'Amount'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSheets(auth, ctx, async (api, options) => {
      const { data } = await api.spreadsheets.batchUpdate(
        {
          spreadsheetId: input.spreadsheetId,
          requestBody: {
            requests: [
              {
                addSheet: {
                  properties: {
                    title: input.title,
                    index: input.index,
                    gridProperties:
                      input.rowCount || input.columnCount
                        ? { rowCount: input.rowCount, columnCount: input.columnCount }
                        : undefined,
                  },
                },
              },
            ],
          },
        },
        options,
      );
      const sheet = sheetOf(data.replies?.[0]?.addSheet?.properties);
      if (input.headers) {
        await api.spreadsheets.values.update(
          {
            spreadsheetId: input.spreadsheetId,
            range: rowsRange(input.title, 1),
            valueInputOption: 'RAW',
            requestBody: { majorDimension: 'ROWS', values: [input.headers] },
          },
          options,
        );
      }
      return sheet;
    });
  },
});
