/**
 * Rows as aligned columns. The last column is cut to fit `width` (a terminal's), ending in "…";
 * without a width nothing is cut, so piped output keeps every word.
 */
export function columns(rows: readonly (readonly string[])[], width?: number): string[] {
  const count = Math.max(0, ...rows.map((row) => row.length));
  const widths = Array.from({ length: count }, (_, column) => Math.max(...rows.map((row) => row[column]?.length ?? 0)));
  return rows.map((row) => {
    const line = row
      .map((cell, column) => (column < row.length - 1 ? cell.padEnd(widths[column] ?? 0) : cell))
      .join('  ')
      .trimEnd();
    return width && line.length > width ? `${line.slice(0, width - 1)}…` : line;
  });
}

/** A header line, then the rows, aligned as {@link columns} aligns them. */
export function table(headers: readonly string[], rows: readonly (readonly string[])[], width?: number): string[] {
  return columns([headers, ...rows], width);
}
