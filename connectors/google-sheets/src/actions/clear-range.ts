import { defineAction, Type } from '@mova/sdk';
import { sheetRange } from '../a1.js';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { sheetField, spreadsheetIdField } from '../schemas.js';

export const clearRange = defineAction({
  auth,
  key: 'rows.clear',
  title: 'Clear cells',
  description:
    'Empties the values of a range or a whole sheet (spreadsheets.values.clear), keeping formatting and the rows themselves. To remove rows, use rows.delete.',
  input: Type.Object({
    spreadsheetId: spreadsheetIdField,
    sheet: sheetField,
    range: Type.Optional(
      Type.String({
        minLength: 1,
        pattern: '^[A-Za-z]*[0-9]*(:[A-Za-z]*[0-9]*)?$',
        description:
          'Cells inside the sheet in A1 notation, e.g. A2:F (everything below the header row) or 5:9 (rows 5 to 9); the whole sheet when empty',
      }),
    ),
  }),
  output: Type.Object({
    clearedRange: Type.String({ description: 'A1 range that was cleared, e.g. Sheet1!A2:F1000' }),
  }),
  examples: [
    {
      title: 'Clear everything below the header row',
      input: { spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms', sheet: 'Import', range: 'A2:Z' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSheets(auth, ctx, async (api, options) => {
      const { data } = await api.spreadsheets.values.clear(
        { spreadsheetId: input.spreadsheetId, range: sheetRange(input.sheet, input.range), requestBody: {} },
        options,
      );
      return { clearedRange: data.clearedRange ?? '' };
    });
  },
});
