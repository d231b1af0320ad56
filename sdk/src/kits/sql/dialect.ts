import type { SqlError, SqlErrorDetails, SqlFailure } from './errors.js';
import type { CommentSyntax, SqlRefusal } from './transaction.js';

/** Rows as plain JSON objects, column name to value. */
export type Row = Record<string, unknown>;

/** One statement and its values, ready for a driver. */
export interface SqlQuery {
  text: string;
  values: unknown[];
}

/** What the kit needs from a session to run its statements: one statement at a time. */
export interface SqlRunner {
  query(text: string, values?: unknown[]): Promise<{ rows: Row[] }>;
}

/** A filter value: equality, or IS NULL for null. */
export type Scalar = string | number | boolean | null;

/** What an insert does with a row that hits a unique key. */
export interface Upsert {
  do: 'nothing' | 'update';
  /** The conflict target (a unique index's columns), for dialects that name one. */
  columns?: string[];
  /** Columns to overwrite; the dialect's default when absent. */
  update?: string[];
}

/**
 * Where a database differs, and nothing else: everything that builds statements, guards them,
 * runs transactions and maps failures is the kit's. PostgreSQL and MySQL implement it in their
 * connectors; SQLite and SQL Server fit the same shape (`?`/`@p1` placeholders, `"x"`/`[x]`
 * quoting, `ON CONFLICT`/`MERGE` upserts, `sqlite_master`/`sys.tables` introspection).
 */
export interface SqlDialect {
  /** The product, as messages name it: `PostgreSQL`, `MySQL`. */
  readonly name: string;
  /** What qualifies a table name: `schema.table` or `database.table`. */
  readonly qualifier: 'schema' | 'database';
  /** Quotes one identifier part, so any character is safe and case is kept: `"x"`, `` `x` ``, `[x]`. */
  quoteIdentifier(name: string): string;
  /** The placeholder of the `index`-th value, from 1: `$1`, `?`, `@p1`. */
  placeholder(index: number): string;
  /** The most values one statement may bind; inserts are split into batches below it. */
  readonly maxParameters: number;
  /** ` ON CONFLICT … DO …` / ` ON DUPLICATE KEY UPDATE …`: the tail of an INSERT of `inserted` columns. */
  upsertClause(conflict: Upsert, inserted: string[]): string;
  /**
   * The paging tail of a SELECT from its limit and offset placeholders; default ` LIMIT x OFFSET y`
   * (SQL Server: ` ORDER BY (SELECT NULL) OFFSET y ROWS FETCH NEXT x ROWS ONLY` when not `ordered`).
   */
  pageClause?(limit: string, offset: string | undefined, ordered: boolean): string;
  /** ` RETURNING …` for a dialect that returns affected rows; leave out where it cannot. */
  returningClause?(columns: string): string;
  /** How statements comment, for reading their leading keywords. */
  readonly comments: CommentSyntax;
  /**
   * Why a statement cannot run inside the kit's transaction (it ends, opens or implicitly commits
   * one), given its first few upper-cased keywords; `undefined` when it can.
   */
  transactionRefusal(words: string[], sql: string): SqlRefusal | undefined;
  /** Catalogue queries behind `fetchTables` and `fetchColumns`. */
  readonly introspection: Introspection;
  /** The error class failures are raised as, so run records keep the connector's error name. */
  readonly errorClass: SqlErrorClass;
  /**
   * Reads a driver failure: the server's error (SQLSTATE, code) or the driver's own. Socket and
   * TLS failures are the kit's; return `undefined` for anything else.
   */
  describeFailure(error: unknown): SqlFailure | undefined;
  /** The hint for a rejected TLS certificate, naming this connector's own ssl settings. */
  readonly tlsHint: string;
}

/**
 * The catalogue queries of a dialect. Each returns rows whose columns the kit reads by name:
 * `tables` → `name`, `type`; `columns` → `schema`, `table`, `name`, `type`, `nullable`,
 * `default`, `primary_key` and optionally `auto_increment` (booleans may come as 1/0).
 */
export interface Introspection {
  /** The schema (database) unqualified names resolve to; `name` column. */
  currentSchema: SqlQuery;
  /** The tables and views of a schema: `name`, and `type` as the catalogue spells it. */
  tables(schema: string): SqlQuery;
  /** The catalogue's table types to the names actions report ('r' → 'table'); others are left out. */
  tableTypes: Readonly<Record<string, string>>;
  /** One row when the schema exists. */
  schemaExists(schema: string): SqlQuery;
  /** The columns of a table in order; no rows when it does not exist (or a not-found error). */
  columns(table: TableName, quoted: string): SqlQuery;
  /** Said when a table is not there, and the dialect's code for it. */
  missingTable: { hint: string; errorCode?: string };
}

/** A table name split: `schema` is null for an unqualified name. */
export interface TableName {
  schema: string | null;
  table: string;
}

/** The constructor of a dialect's error class (a subclass of `SqlError`). */
export type SqlErrorClass = new (message: string, details: SqlErrorDetails, hint?: string) => SqlError;
