import type { sheets_v4 } from '@googleapis/sheets';
import type { Static } from '@mova/sdk';
import type { sheetSchema } from './schemas.js';

/** The sheet fields actions report, from a SheetProperties resource. */
export function sheetOf(properties: sheets_v4.Schema$SheetProperties | undefined): Static<typeof sheetSchema> {
  return {
    sheetId: properties?.sheetId ?? 0,
    title: properties?.title ?? '',
    index: properties?.index ?? 0,
    rowCount: properties?.gridProperties?.rowCount ?? 0,
    columnCount: properties?.gridProperties?.columnCount ?? 0,
    hidden: properties?.hidden ?? false,
  };
}

/** The fields mask that asks for just what `sheetOf` reads. */
export const SHEET_FIELDS = 'sheetId,title,index,hidden,gridProperties(rowCount,columnCount)';
