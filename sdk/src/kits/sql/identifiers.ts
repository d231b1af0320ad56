import type { SqlDialect, TableName } from './dialect.js';
import { invalidInput } from './errors.js';

/**
 * A quoter for dialects that quote by surrounding a name with one character and doubling it
 * inside: `"` (standard SQL, PostgreSQL, SQLite) or `` ` `` (MySQL).
 * @example
 * const quote = quoteWith('"');
 * quote('Order "items"') // '"Order ""items"""'
 */
export function quoteWith(mark: string): (name: string) => string {
  return (name) => `${mark}${name.replaceAll(mark, mark + mark)}${mark}`;
}

/**
 * "orders" or "sales.orders" split into schema (or database) and table. A name that is empty,
 * has more than two parts or an empty one is refused: a dot inside a name cannot be told from
 * a qualifier, so such tables are for the query action.
 */
export function splitTableName(dialect: SqlDialect, name: string): TableName {
  const [first = '', second, ...rest] = name.split('.');
  if (rest.length > 0 || first === '' || second === '') {
    throw invalidInput(
      `"${name}" is not a table name`,
      `Write "table" or "${dialect.qualifier}.table"; a name that itself contains a dot is not supported by these actions, use query.`,
    );
  }
  return second === undefined ? { schema: null, table: first } : { schema: first, table: second };
}

/** The table name quoted part by part: "sales"."orders". */
export function quoteTable(dialect: SqlDialect, name: string): string {
  const { schema, table } = splitTableName(dialect, name);
  const quotedTable = dialect.quoteIdentifier(table);
  return schema === null ? quotedTable : `${dialect.quoteIdentifier(schema)}.${quotedTable}`;
}

/** `*`, or the quoted columns. */
export function columnList(dialect: SqlDialect, columns: readonly string[] | undefined): string {
  return columns && columns.length > 0 ? columns.map((c) => dialect.quoteIdentifier(c)).join(', ') : '*';
}
