import type { sheets_v4 } from '@googleapis/sheets';
import type { Static } from '@mova/sdk';
import { rowsRange, sheetRange } from './a1.js';
import { headersOf, rowObject } from './rows.js';
import type { rowSchema } from './schemas.js';

export type Row = Static<typeof rowSchema>;

export interface TableRead {
  spreadsheetId: string;
  sheet: string;
  headerRow: number;
  /** First and last row to read; everything after the header row when absent. */
  rows?: { first: number; last: number };
  valueRenderOption?: string;
}

/**
 * Reads the header row and data rows in one `values.batchGet` and returns the data rows as
 * objects keyed by column name, blank rows left out.
 */
export async function readTable(
  api: sheets_v4.Sheets,
  read: TableRead,
  signal: AbortSignal,
): Promise<{ headers: string[]; rows: Row[]; rowsRead: number }> {
  const first = read.rows?.first ?? read.headerRow + 1;
  const { data } = await api.spreadsheets.values.batchGet(
    {
      spreadsheetId: read.spreadsheetId,
      ranges: [
        rowsRange(read.sheet, read.headerRow),
        read.rows ? rowsRange(read.sheet, read.rows.first, read.rows.last) : sheetRange(read.sheet),
      ],
      majorDimension: 'ROWS',
      valueRenderOption: read.valueRenderOption ?? 'FORMATTED_VALUE',
      dateTimeRenderOption: 'FORMATTED_STRING',
    },
    { signal },
  );
  const [header, body] = data.valueRanges ?? [];
  const headers = headersOf(header?.values?.[0]);
  // The whole sheet comes back from row 1: drop the rows up to the header.
  const values = (body?.values ?? []).slice(read.rows ? 0 : first - 1);
  const rows: Row[] = [];
  values.forEach((cells, i) => {
    if (!Array.isArray(cells) || cells.every((cell) => cell === '' || cell === null || cell === undefined)) return;
    rows.push({ rowNumber: first + i, values: rowObject(headers, cells) });
  });
  return { headers, rows, rowsRead: values.length };
}

/** The header row's column names. */
export async function readHeaders(
  api: sheets_v4.Sheets,
  spreadsheetId: string,
  sheet: string,
  headerRow: number,
  signal: AbortSignal,
): Promise<string[]> {
  const { data } = await api.spreadsheets.values.get(
    { spreadsheetId, range: rowsRange(sheet, headerRow), majorDimension: 'ROWS' },
    { signal },
  );
  return headersOf(data.values?.[0]);
}
