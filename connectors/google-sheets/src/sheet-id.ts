import type { sheets_v4 } from '@googleapis/sheets';
import { ConnectorError } from '@mova/sdk';

/** The numeric id of a sheet named by its title (batchUpdate requests name sheets by id). */
export async function sheetIdOf(
  api: sheets_v4.Sheets,
  spreadsheetId: string,
  title: string,
  signal: AbortSignal,
  actionKey: string,
): Promise<number> {
  const { data } = await api.spreadsheets.get(
    { spreadsheetId, fields: 'sheets.properties(sheetId,title)', includeGridData: false },
    { signal },
  );
  const sheets = (data.sheets ?? []).map((sheet) => sheet.properties ?? {});
  const found = sheets.find((properties) => properties.title === title);
  if (found?.sheetId === undefined || found.sheetId === null) {
    throw new ConnectorError(
      `The spreadsheet has no sheet named "${title}"`,
      { kind: 'not_found', actionKey },
      `Its sheets are: ${sheets.map((properties) => `"${properties.title}"`).join(', ')}.`,
    );
  }
  return found.sheetId;
}
