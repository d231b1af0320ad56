import type { Row, Scalar, SqlDialect, SqlQuery, SqlRunner, Upsert } from './dialect.js';
import { invalidInput } from './errors.js';
import { columnList, quoteTable } from './identifiers.js';

/** Collects values and writes their placeholders in the dialect's style, in order. */
export class Parameters {
  readonly values: unknown[] = [];

  constructor(private readonly dialect: SqlDialect) {}

  add(value: unknown): string {
    this.values.push(value);
    return this.dialect.placeholder(this.values.length);
  }
}

/** Equality conditions, column to value, joined with AND; null matches NULL. */
export type Where = Record<string, Scalar>;

/**
 * ` WHERE "a" = $1 AND "b" IS NULL`, or '' for no conditions. A null matches NULL: `= NULL` would
 * match nothing, which is never what an equality filter given null means. Values go in
 * parameters, never in the text.
 */
export function whereClause(dialect: SqlDialect, where: Where | undefined, params: Parameters): string {
  const conditions = Object.entries(where ?? {}).map(([column, value]) => {
    const quoted = dialect.quoteIdentifier(column);
    return value === null ? `${quoted} IS NULL` : `${quoted} = ${params.add(value)}`;
  });
  return conditions.length > 0 ? ` WHERE ${conditions.join(' AND ')}` : '';
}

/** ` RETURNING …`, or '' when nothing is asked back; `["*"]` returns every column. */
export function returningClause(dialect: SqlDialect, returning: readonly string[] | undefined): string {
  if (!returning || returning.length === 0) return '';
  if (!dialect.returningClause) {
    throw invalidInput(`${dialect.name} cannot return the affected rows`, 'Leave out "returning".');
  }
  return dialect.returningClause(columnList(dialect, returning.includes('*') ? [] : returning));
}

/** Refuses an UPDATE or DELETE without conditions unless the caller said it means every row. */
export function guardAllRows(where: Where | undefined, allRows: boolean, verb: string): void {
  if (Object.keys(where ?? {}).length === 0 && !allRows) {
    throw invalidInput(
      `refusing to ${verb} every row: "where" is empty`,
      `Give "where" conditions, or set "allRows": true if you really mean to ${verb} the whole table.`,
    );
  }
}

export interface SelectOptions {
  table: string;
  columns?: string[];
  where?: Where;
  orderBy?: { column: string; direction?: 'asc' | 'desc' }[];
  limit: number;
  offset?: number;
}

/**
 * A filtered, sorted, paged SELECT.
 * @example
 * selectStatement(postgres, { table: 'orders', where: { status: 'open' }, limit: 10 })
 * // { text: 'SELECT * FROM "orders" WHERE "status" = $1 LIMIT $2', values: ['open', 10] }
 */
export function selectStatement(dialect: SqlDialect, options: SelectOptions): SqlQuery {
  const params = new Parameters(dialect);
  const order = (options.orderBy ?? []).map(
    (o) => `${dialect.quoteIdentifier(o.column)} ${o.direction === 'desc' ? 'DESC' : 'ASC'}`,
  );
  const text = [
    `SELECT ${columnList(dialect, options.columns)} FROM ${quoteTable(dialect, options.table)}`,
    whereClause(dialect, options.where, params),
    order.length > 0 ? ` ORDER BY ${order.join(', ')}` : '',
  ].join('');
  const limit = params.add(options.limit);
  const offset = options.offset === undefined ? undefined : params.add(options.offset);
  const page = dialect.pageClause
    ? dialect.pageClause(limit, offset, order.length > 0)
    : ` LIMIT ${limit}${offset === undefined ? '' : ` OFFSET ${offset}`}`;
  return { text: text + page, values: params.values };
}

/** Runs a `selectStatement`: the rows, and how many came back. */
export async function runSelect(
  session: SqlRunner,
  dialect: SqlDialect,
  options: SelectOptions,
): Promise<{ rows: Row[]; rowCount: number }> {
  const { text, values } = selectStatement(dialect, options);
  const { rows } = await session.query(text, values);
  return { rows, rowCount: rows.length };
}

/** Turns one value into what is bound for a column (e.g. JSON text for a json column). */
export type BindValue = (column: string, value: unknown) => unknown;

const asGiven: BindValue = (_column, value) => value;

export interface UpdateOptions {
  table: string;
  set: Record<string, unknown>;
  where?: Where;
  allRows: boolean;
  returning?: string[];
}

/** A guarded UPDATE: refused without `where` unless `allRows` is true. */
export function updateStatement(dialect: SqlDialect, options: UpdateOptions, bind: BindValue = asGiven): SqlQuery {
  guardAllRows(options.where, options.allRows, 'update');
  const params = new Parameters(dialect);
  const table = quoteTable(dialect, options.table);
  const assignments = Object.entries(options.set).map(
    ([column, value]) => `${dialect.quoteIdentifier(column)} = ${params.add(bind(column, value))}`,
  );
  const text = `UPDATE ${table} SET ${assignments.join(', ')}${whereClause(dialect, options.where, params)}${returningClause(dialect, options.returning)}`;
  return { text, values: params.values };
}

export interface DeleteOptions {
  table: string;
  where?: Where;
  allRows: boolean;
  returning?: string[];
}

/** A guarded DELETE: refused without `where` unless `allRows` is true. */
export function deleteStatement(dialect: SqlDialect, options: DeleteOptions): SqlQuery {
  guardAllRows(options.where, options.allRows, 'delete');
  const params = new Parameters(dialect);
  const text = `DELETE FROM ${quoteTable(dialect, options.table)}${whereClause(dialect, options.where, params)}${returningClause(dialect, options.returning)}`;
  return { text, values: params.values };
}

export interface InsertOptions {
  table: string;
  rows: Row[];
  onConflict?: Upsert;
  returning?: string[];
}

/**
 * INSERTs of `rows`, as few as the dialect's parameter limit allows (one, unless there are too
 * many values). Columns are the union of the rows' keys; a row without one gets DEFAULT.
 * Run several in one transaction (`runAll`), so the insert stays all or nothing.
 */
export function insertStatements(dialect: SqlDialect, options: InsertOptions, bind: BindValue = asGiven): SqlQuery[] {
  const table = quoteTable(dialect, options.table);
  const names = [...new Set(options.rows.flatMap((r) => Object.keys(r)))];
  const tail =
    (options.onConflict ? dialect.upsertClause(options.onConflict, names) : '') +
    returningClause(dialect, options.returning);
  const batchSize = Math.max(1, Math.floor(dialect.maxParameters / Math.max(1, names.length)));
  const statements: SqlQuery[] = [];
  for (let i = 0; i < options.rows.length; i += batchSize) {
    const params = new Parameters(dialect);
    const tuples = options.rows.slice(i, i + batchSize).map((r) => {
      const cells = names.map((name) => (Object.hasOwn(r, name) ? params.add(bind(name, r[name])) : 'DEFAULT'));
      return `(${cells.join(', ')})`;
    });
    const text = `INSERT INTO ${table} (${columnList(dialect, names)}) VALUES ${tuples.join(', ')}${tail}`;
    statements.push({ text, values: params.values });
  }
  return statements;
}
