import { ConnectorError } from '@mova/sdk';
import { columnLetter } from './a1.js';

/** One cell as the API returns it: text when formatted, a number or boolean when not. */
export type Cell = string | number | boolean;

/**
 * Column names from a header row: the trimmed text of each cell, the column letter for a blank
 * one, and `name (2)` for a repeat, so every column has one distinct key.
 */
export function headersOf(row: readonly unknown[] | undefined, width = 0): string[] {
  const names: string[] = [];
  const count = Math.max(row?.length ?? 0, width);
  for (let i = 0; i < count; i++) {
    const text = String(row?.[i] ?? '').trim();
    const base = text === '' ? columnLetter(i) : text;
    let name = base;
    for (let n = 2; names.includes(name); n++) name = `${base} (${n})`;
    names.push(name);
  }
  return names;
}

/** A data row as an object keyed by column name; cells past the data are empty strings. */
export function rowObject(headers: readonly string[], row: readonly unknown[]): Record<string, Cell> {
  const all = headers.length >= row.length ? headers : headersOf(headers, row.length);
  return Object.fromEntries(all.map((name, i) => [name, cellOf(row[i])]));
}

/** The cells of a row object in header order, `null` (left as it is) for columns it does not name. */
export function rowCells(
  headers: readonly string[],
  values: Readonly<Record<string, Cell | null>>,
  actionKey: string,
): (Cell | null)[] {
  const unknown = Object.keys(values).filter((key) => !headers.includes(key));
  if (unknown.length > 0) {
    throw new ConnectorError(
      `No column named ${unknown.map((key) => `"${key}"`).join(', ')} in the header row`,
      { kind: 'invalid_input', actionKey },
      headers.length > 0
        ? `The header row names: ${headers.map((name) => `"${name}"`).join(', ')}.`
        : 'The header row is empty: write the column names into it first, or pass values as arrays.',
    );
  }
  const cells = headers.map((name) => (Object.hasOwn(values, name) ? (values[name] ?? null) : null));
  // Trailing nulls would only widen the written range.
  while (cells.length > 0 && cells.at(-1) === null) cells.pop();
  return cells;
}

function cellOf(value: unknown): Cell {
  return typeof value === 'number' || typeof value === 'boolean' ? value : String(value ?? '');
}
