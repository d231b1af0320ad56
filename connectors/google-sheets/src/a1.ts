/**
 * A1 notation as the Sheets API reads it ("Sheets API: A1 notation"): a sheet name in single
 * quotes (quotes inside doubled), `!`, then cells (`A2:D9`), whole rows (`2:9`) or columns (`A:D`).
 */

/** `'Sheet name'`, safe for any title (spaces, quotes, names that look like cells). */
export function quoteSheet(title: string): string {
  return `'${title.replaceAll("'", "''")}'`;
}

/** Rows `first` to `last` of a sheet, every column: `'Sheet1'!2:101`. */
export function rowsRange(sheet: string, first: number, last: number = first): string {
  return `${quoteSheet(sheet)}!${first}:${last}`;
}

/** A range inside a sheet: `'Sheet1'!A2:D`, or the whole sheet when `cells` is empty. */
export function sheetRange(sheet: string, cells?: string): string {
  return cells ? `${quoteSheet(sheet)}!${cells}` : quoteSheet(sheet);
}

/** The column letters of a 0-based column index: 0 → A, 25 → Z, 26 → AA. */
export function columnLetter(index: number): string {
  let letters = '';
  for (let n = index + 1; n > 0; n = Math.floor((n - 1) / 26)) {
    letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  }
  return letters;
}

/** The first and last row numbers of an A1 range the API returned (`Sheet1!A5:C6` → 5, 6). */
export function rowSpanOf(range: string | null | undefined): { first: number; last: number } | undefined {
  const cells = range?.slice(range.lastIndexOf('!') + 1) ?? '';
  const match = /^[A-Z]*(\d+)(?::[A-Z]*(\d+))?$/.exec(cells);
  if (!match) return undefined;
  const first = Number(match[1]);
  return { first, last: match[2] === undefined ? first : Number(match[2]) };
}
