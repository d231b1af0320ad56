/** Formats rows as an aligned plain-text table; `columns` are [header, align] pairs. */
export function table(columns, rows) {
  const cells = [
    columns.map(([header]) => header),
    ...rows.map((row) => row.map((c) => (c === undefined ? '' : String(c)))),
  ];
  const widths = columns.map((_, i) => Math.max(...cells.map((row) => (row[i] ?? '').length)));
  const line = (row) =>
    row
      .map((cell, i) => (columns[i][1] === 'right' ? cell.padStart(widths[i]) : cell.padEnd(widths[i])))
      .join('  ')
      .trimEnd();
  return [line(cells[0]), widths.map((w) => '-'.repeat(w)).join('  '), ...cells.slice(1).map(line)].join('\n');
}

/** A number with few digits: 0.42, 4.2, 42, 4,200. */
export function num(value) {
  if (value === undefined || Number.isNaN(value)) return '';
  if (value >= 100) return Math.round(value).toLocaleString('en-US');
  if (value >= 10) return value.toFixed(1);
  return value.toFixed(2);
}
