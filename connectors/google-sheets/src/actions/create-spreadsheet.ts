import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSheets } from '../client.js';
import { sheetSchema } from '../schemas.js';
import { SHEET_FIELDS, sheetOf } from '../sheets.js';

export const createSpreadsheet = defineAction({
  auth,
  key: 'spreadsheets.create',
  title: 'Create a spreadsheet',
  description:
    "Creates a spreadsheet (spreadsheets.create) in the connected account's Drive, with the sheets named; a service account's spreadsheets live in its own Drive until shared.",
  input: Type.Object({
    title: Type.String({ minLength: 1, description: 'Title of the spreadsheet' }),
    sheets: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 100 }), {
        minItems: 1,
        description: 'Names of its sheets (default: one sheet, Sheet1)',
      }),
    ),
    locale: Type.Optional(
      Type.String({ pattern: '^[a-z]{2}(_[A-Z]{2})?$', description: 'Locale, e.g. en_US or de_DE' }),
    ),
    timeZone: Type.Optional(Type.String({ minLength: 1, description: 'Time zone, e.g. Europe/Berlin' })),
  }),
  output: Type.Object({
    spreadsheetId: Type.String({ description: 'Id of the new spreadsheet' }),
    spreadsheetUrl: Type.String({ description: 'URL to open it in a browser' }),
    title: Type.String({ description: 'Its title' }),
    sheets: Type.Array(sheetSchema, { description: 'Its sheets' }),
  }),
  examples: [{ title: 'A monthly report', input: { title: 'Sales report March 2026', sheets: ['Orders', 'Totals'] } }],
  async run({ input, auth, ctx }) {
    const { data } = await withSheets(auth, ctx, (api, options) =>
      api.spreadsheets.create(
        {
          fields: `spreadsheetId,spreadsheetUrl,properties.title,sheets.properties(${SHEET_FIELDS})`,
          requestBody: {
            properties: { title: input.title, locale: input.locale, timeZone: input.timeZone },
            sheets: input.sheets?.map((title) => ({ properties: { title } })),
          },
        },
        options,
      ),
    );
    return {
      spreadsheetId: data.spreadsheetId ?? '',
      spreadsheetUrl: data.spreadsheetUrl ?? '',
      title: data.properties?.title ?? input.title,
      sheets: (data.sheets ?? []).map((sheet) => sheetOf(sheet.properties)),
    };
  },
});
