import type { Row, SqlDialect, SqlRunner } from './dialect.js';
import { invalidInput } from './errors.js';
import { quoteTable, splitTableName } from './identifiers.js';

/** One table or view of a schema. */
export interface TableSummary {
  name: string;
  /** The dialect's name for its kind: table, view, materialized view … */
  type: string;
}

/** One column, as `fetchColumns` reports it. */
export interface ColumnInfo {
  name: string;
  type: string;
  nullable: boolean;
  default: string | null;
  primaryKey: boolean;
  /** Set by dialects whose catalogue says it (MySQL's AUTO_INCREMENT). */
  autoIncrement?: boolean;
}

/**
 * The tables and views of `schema` (default: the one unqualified names resolve to), sorted as
 * the catalogue sorts them. A schema that does not exist is a not_found error, not an empty list.
 */
export async function fetchTables(
  session: SqlRunner,
  dialect: SqlDialect,
  schema: string | undefined,
  actionKey: string,
): Promise<{ schema: string; tables: TableSummary[] }> {
  const { introspection } = dialect;
  const name = schema ?? (await currentSchema(session, dialect));
  const { rows } = await run(session, introspection.tables(name));
  if (rows.length === 0 && (await run(session, introspection.schemaExists(name))).rows.length === 0) {
    throw new dialect.errorClass(
      `${actionKey} failed: ${dialect.qualifier} "${name}" does not exist`,
      { kind: 'not_found', actionKey },
      `Check the ${dialect.qualifier} name; names are case-sensitive here.`,
    );
  }
  const tables = rows.flatMap((row) => {
    const type = Object.hasOwn(introspection.tableTypes, String(row.type))
      ? introspection.tableTypes[String(row.type)]
      : undefined;
    return type ? [{ name: String(row.name), type }] : [];
  });
  return { schema: name, tables };
}

/** The columns of a table in order, with the schema and table name as the catalogue spells them. */
export async function fetchColumns(
  session: SqlRunner,
  dialect: SqlDialect,
  table: string,
  actionKey: string,
): Promise<{ schema: string; table: string; columns: ColumnInfo[] }> {
  const { rows } = await run(
    session,
    dialect.introspection.columns(splitTableName(dialect, table), quoteTable(dialect, table)),
  );
  const first = rows[0];
  if (!first) {
    const { hint, errorCode } = dialect.introspection.missingTable;
    throw new dialect.errorClass(
      `${actionKey} failed: table "${table}" does not exist`,
      { kind: 'not_found', actionKey, errorCode },
      hint,
    );
  }
  return {
    schema: String(first.schema),
    table: String(first.table),
    // A table without columns still comes back as one row with a null column name.
    columns: rows.filter((r) => r.name !== null && r.name !== undefined).map(columnOf),
  };
}

function columnOf(row: Row): ColumnInfo {
  const column: ColumnInfo = {
    name: String(row.name),
    type: String(row.type),
    nullable: truthy(row.nullable),
    default: typeof row.default === 'string' ? row.default : null,
    primaryKey: truthy(row.primary_key),
  };
  if (row.auto_increment !== undefined) column.autoIncrement = truthy(row.auto_increment);
  return column;
}

// Catalogue booleans arrive as booleans (PostgreSQL) or as 1/0, maybe as text (MySQL).
function truthy(value: unknown): boolean {
  return value === true || value === 1 || value === '1';
}

async function currentSchema(session: SqlRunner, dialect: SqlDialect): Promise<string> {
  const { rows } = await run(session, dialect.introspection.currentSchema);
  const name = rows[0]?.name;
  if (typeof name !== 'string') {
    throw invalidInput(
      `no ${dialect.qualifier} to list`,
      `Give "${dialect.qualifier}", or set a ${dialect.qualifier} in the connection.`,
    );
  }
  return name;
}

function run(session: SqlRunner, query: { text: string; values: unknown[] }) {
  return session.query(query.text, query.values);
}
