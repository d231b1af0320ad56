import { type BindValue, quoteTable } from '@mova/sdk/sql';
import type { Session } from './client.js';
import { postgres } from './dialect.js';

/**
 * JSON values bound for json and jsonb. pg sends a JavaScript array as a PostgreSQL array literal
 * ('{1,2}') and a string as it is, so an array or a plain string meant as JSON fails with 22P02.
 * Where the target type is known to be JSON, the value goes as JSON text instead.
 */

// A type that is json or jsonb, or a domain over one of them.
const IS_JSON = `COALESCE(NULLIF(t.typbasetype, 0), t.oid) IN ('json'::regtype, 'jsonb'::regtype)`;

/** The value as JSON text; null stays SQL NULL. */
export function asJson(value: unknown): unknown {
  return value === null || value === undefined ? null : JSON.stringify(value);
}

/** Binds a value for a json/jsonb column (one of `json`) as JSON text, any other as it is. */
export function jsonBinder(json: ReadonlySet<string> | undefined): BindValue {
  return (column, value) => (json?.has(column) ? asJson(value) : value);
}

/**
 * Whether a row action must look up the table's JSON columns: numbers, booleans and objects are
 * sent the same way whatever the column type, strings and arrays are not.
 */
export function needsColumnTypes(values: unknown[]): boolean {
  return values.some((value) => typeof value === 'string' || Array.isArray(value));
}

/** The json/jsonb columns of a table (resolved as SQL would, search_path included). */
export async function jsonColumns(session: Session, table: string): Promise<Set<string>> {
  const { rows } = await session.query(
    `SELECT a.attname AS name FROM pg_catalog.pg_attribute a JOIN pg_catalog.pg_type t ON t.oid = a.atttypid
      WHERE a.attrelid = $1::regclass AND a.attnum > 0 AND NOT a.attisdropped AND ${IS_JSON}`,
    [quoteTable(postgres, table)],
  );
  return new Set(rows.map((r) => String(r.name)));
}

/**
 * `values` with each array bound for a json/jsonb parameter turned into JSON text; other arrays
 * stay PostgreSQL arrays (`= ANY($1)`, text[] columns). Strings keep their SQL meaning there: the
 * server reads a string given for a jsonb parameter as JSON text, as it reads '...'::jsonb.
 *
 * The parameter types are the server's: the statement is prepared (not run) under a throwaway
 * name and pg_prepared_statements says what it inferred. Only statements with an array value pay
 * for this; when the statement cannot be prepared (not a SELECT/INSERT/UPDATE/DELETE/MERGE/VALUES,
 * or it fails), the values go unchanged and running it reports whatever is wrong.
 */
export async function jsonArrayParameters(session: Session, sql: string, values: unknown[]): Promise<unknown[]> {
  if (!values.some(Array.isArray)) return values;
  const name = 'mova_parameter_types';
  try {
    await session.query(`PREPARE ${name} AS ${sql}`);
  } catch {
    return values;
  }
  try {
    const { rows } = await session.query(
      `SELECT p.position::int AS position FROM pg_catalog.pg_prepared_statements s,
              unnest(s.parameter_types) WITH ORDINALITY AS p(type, position)
              JOIN pg_catalog.pg_type t ON t.oid = p.type
        WHERE s.name = $1 AND ${IS_JSON}`,
      [name],
    );
    const json = new Set(rows.map((r) => Number(r.position) - 1));
    return values.map((value, i) => (json.has(i) && Array.isArray(value) ? asJson(value) : value));
  } finally {
    await session.query(`DEALLOCATE ${name}`);
  }
}
