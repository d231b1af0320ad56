import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { sheetSchema, spreadsheetIdField } from '../schemas.js';
import { SHEET_FIELDS, sheetOf } from '../sheets.js';

export const listSheets = defineAction({
  auth,
  key: 'sheets.list',
  title: 'List sheets',
  description:
    "Lists the sheets (tabs) of a spreadsheet with their size, and the spreadsheet's title (spreadsheets.get).",
  input: Type.Object({ spreadsheetId: spreadsheetIdField }),
  output: Type.Object({
    spreadsheetId: Type.String({ description: 'The spreadsheet id' }),
    title: Type.String({ description: 'Title of the spreadsheet' }),
    sheets: Type.Array(sheetSchema, { description: 'Its sheets, in tab order' }),
  }),
  examples: [{ input: { spreadsheetId: '1BxiMVs0XRA5nFMdKvBdBZjgmUUqptlbs74OgvE2upms' } }],
  async run({ input, auth, ctx }) {
    const { data } = await withSheets(auth, ctx, (api, options) =>
      api.spreadsheets.get(
        {
          spreadsheetId: input.spreadsheetId,
          includeGridData: false,
          fields: `spreadsheetId,properties.title,sheets.properties(${SHEET_FIELDS})`,
        },
        options,
      ),
    );
    return {
      spreadsheetId: data.spreadsheetId ?? input.spreadsheetId,
      title: data.properties?.title ?? '',
      sheets: (data.sheets ?? []).map((sheet) => sheetOf(sheet.properties)),
    };
  },
});
