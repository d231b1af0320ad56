import { escapeIdentifier } from 'pg';
import { invalidInput } from './errors.js';

export type Scalar = string | number | boolean | null;

/**
 * Quotes a table name, "orders" or "sales.orders", as "sales"."orders". Each part goes through
 * pg's escapeIdentifier, so any character is safe and case is kept exactly as given.
 */
export function quoteTable(name: string): string {
  const parts = name.split('.');
  if (parts.length > 2 || parts.some((part) => part === '')) {
    throw invalidInput(
      `"${name}" is not a table name`,
      'Write "table" or "schema.table"; a name that itself contains a dot is not supported by these actions, use query.',
    );
  }
  return parts.map(escapeIdentifier).join('.');
}

export const quoteColumn = escapeIdentifier;

/** `*`, or the quoted columns. */
export function columnList(columns: string[] | undefined): string {
  return columns && columns.length > 0 ? columns.map(quoteColumn).join(', ') : '*';
}

/** Numbers placeholders ($1, $2 ...) as values are added. */
export class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/**
 * ` WHERE "a" = $1 AND "b" IS NULL`, or '' for no conditions. A null matches NULL: `= NULL` would
 * match nothing, which is never what an equality filter given null means.
 */
export function whereClause(where: Record<string, Scalar> | undefined, params: Parameters): string {
  const conditions = Object.entries(where ?? {}).map(([column, value]) =>
    value === null ? `${quoteColumn(column)} IS NULL` : `${quoteColumn(column)} = ${params.add(value)}`,
  );
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** ` RETURNING ...`, or '' when nothing is asked back. */
export function returningClause(returning: string[] | undefined): string {
  return returning && returning.length > 0 ? ` RETURNING ${columnList(returning.includes('*') ? [] : returning)}` : '';
}

/** Refuses an UPDATE or DELETE without conditions unless the caller said it means every row. */
export function guardAllRows(where: Record<string, Scalar> | undefined, allRows: boolean, verb: string): void {
  if (Object.keys(where ?? {}).length === 0 && !allRows) {
    throw invalidInput(
      `refusing to ${verb} every row: "where" is empty`,
      `Give "where" conditions, or set "allRows": true if you really mean to ${verb} the whole table.`,
    );
  }
}
