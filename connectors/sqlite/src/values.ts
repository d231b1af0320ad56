import type { Row } from '@mova/sdk/sql';

/** What node-sqlite3-wasm binds: SQLite's storage classes, and booleans as 1 and 0. */
export type Bindable = number | bigint | string | boolean | Uint8Array | null;

/**
 * A workflow value as SQLite stores it: null, numbers, text and booleans (1/0) as they are, arrays
 * and objects as JSON text, which SQLite's JSON functions read.
 */
export function bindValue(value: unknown): Bindable {
  if (value === null || value === undefined) return null;
  if (typeof value === 'number' || typeof value === 'string' || typeof value === 'boolean') return value;
  if (typeof value === 'bigint') return value;
  return JSON.stringify(value);
}

/**
 * A row as plain JSON: integers beyond 2^53 as their decimal text (no digit is lost), BLOBs as
 * base64 text; everything else is already JSON.
 */
export function jsonRow(row: Record<string, unknown>): Row {
  const out: Row = {};
  for (const [column, value] of Object.entries(row)) out[column] = jsonValue(value);
  return out;
}

/** One value as plain JSON (see `jsonRow`). */
export function jsonValue(value: unknown): unknown {
  if (typeof value === 'bigint') {
    return value >= BigInt(Number.MIN_SAFE_INTEGER) && value <= BigInt(Number.MAX_SAFE_INTEGER)
      ? Number(value)
      : value.toString();
  }
  if (value instanceof Uint8Array) return Buffer.from(value).toString('base64');
  return value;
}
