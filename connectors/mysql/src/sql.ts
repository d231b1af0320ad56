import mysql from 'mysql2';
import { invalidInput } from './errors.js';

export type Scalar = string | number | boolean | null;

/**
 * Quotes a table name, "orders" or "shop.orders", as `shop`.`orders`. Each part goes through
 * mysql2's escapeId with qualification forbidden, so a dot or backtick inside a part stays part
 * of the name.
 */
export function quoteTable(name: string): string {
  const { database, table } = splitTableName(name);
  return database === null ? quoteColumn(table) : `${quoteColumn(database)}.${quoteColumn(table)}`;
}

/** "shop.orders" into its database and table; a bare name has no database. */
export function splitTableName(name: string): { database: string | null; table: string } {
  const [first = '', second, ...rest] = name.split('.');
  if (rest.length > 0 || first === '' || second === '') {
    throw invalidInput(
      `"${name}" is not a table name`,
      'Write "table" or "database.table"; a name that itself contains a dot is not supported by these actions, use query.',
    );
  }
  return second === undefined ? { database: null, table: first } : { database: first, table: second };
}

export function quoteColumn(name: string): string {
  return mysql.escapeId(name, true);
}

/** `*`, or the quoted columns. */
export function columnList(columns: string[] | undefined): string {
  return columns && columns.length > 0 ? columns.map(quoteColumn).join(', ') : '*';
}

/** Collects `?` values in the order the placeholders appear. */
export class Parameters {
  readonly values: unknown[] = [];

  add(value: unknown): string {
    this.values.push(value);
    return '?';
  }
}

/**
 * ` WHERE `a` = ? AND `b` IS NULL`, or '' for no conditions. A null matches NULL: `= NULL` would
 * match nothing, which is never what an equality filter given null means.
 */
export function whereClause(where: Record<string, Scalar> | undefined, params: Parameters): string {
  const conditions = Object.entries(where ?? {}).map(([column, value]) =>
    value === null ? `${quoteColumn(column)} IS NULL` : `${quoteColumn(column)} = ${params.add(value)}`,
  );
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
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
