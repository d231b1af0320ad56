import { type TProperties, type TSchema, Type } from '@sinclair/typebox';
import type { SqlDialect } from './dialect.js';

/**
 * Field and action schemas every SQL connector describes alike, so the same input means the same
 * thing in each and reads the same in their manifests and docs. Where a dialect differs (what a
 * row holds, how values bind) the connector passes its own schema in.
 */

const scalar = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const whereField = Type.Record(Type.String(), scalar, {
  description:
    'Equality conditions, column to value, joined with AND; null matches NULL. Values are sent as parameters.',
});

export const returningField = Type.Array(Type.String({ minLength: 1 }), {
  minItems: 1,
  description: 'Columns to return from the affected rows (RETURNING); ["*"] for all of them',
});

/** The rows a statement returned, each described by the dialect's `row`. */
export const rowsOf = <R extends TSchema>(row: R) =>
  Type.Array(row, { description: 'The rows, in the order the server returned them' });

const allRowsField = (verb: string) =>
  Type.Boolean({ default: false, description: `Set true to ${verb} every row when \`where\` is empty` });

const selectInput = <T extends TSchema>(table: T) =>
  Type.Object({
    table,
    columns: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { minItems: 1, description: 'Columns to return; all if omitted' }),
    ),
    where: Type.Optional(whereField),
    orderBy: Type.Optional(
      Type.Array(
        Type.Object({
          column: Type.String({ minLength: 1, description: 'Column to sort by' }),
          direction: Type.Optional(
            Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'asc (default) or desc' }),
          ),
        }),
        { minItems: 1, description: 'Sort keys, most significant first' },
      ),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 10_000,
      default: 100,
      description: 'At most this many rows (default 100); page with offset for more',
    }),
    offset: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Rows to skip first; use with orderBy for stable pages' }),
    ),
  });

/**
 * `rows.select`, all but auth and run (`runSelect` is the run): key, title, description, schemas
 * and an example reading `exampleTable`.
 * @example
 * defineAction({ auth, ...selectRowsAction(tableField, row, 'shop.orders'), run: ({ input, auth, ctx }) =>
 *   withSession(auth, ctx, (session) => runSelect(session, dialect, input)) })
 */
export function selectRowsAction<T extends TSchema, R extends TSchema>(table: T, row: R, exampleTable: string) {
  return {
    key: 'rows.select',
    title: 'Select rows',
    description:
      'Reads rows from a table, filtered by column equalities, sorted and paged. Filter values travel as parameters. For joins or other conditions use `query`.',
    input: selectInput(table),
    output: Type.Object({
      rows: rowsOf(row),
      rowCount: Type.Integer({ minimum: 0, description: 'How many rows came back' }),
    }),
    examples: [
      {
        title: 'Newest open orders of a customer',
        input: {
          table: exampleTable,
          columns: ['id', 'total'],
          where: { customer_id: 42, status: 'open' },
          orderBy: [{ column: 'created_at', direction: 'desc' as const }],
          limit: 10,
        },
        output: { rows: [{ id: 7, total: '99.90' }], rowCount: 1 },
      },
    ],
  };
}

/**
 * `rows.update`: a guarded update (refused without `where` unless `allRows`). `set` describes the
 * new values as the dialect binds them; `extra` adds fields such as `returning`.
 */
export function updateRowsAction<T extends TSchema, O extends TSchema, X extends TProperties = Record<never, never>>(
  table: T,
  setDescription: string,
  output: O,
  extra: X = {} as X,
) {
  return {
    key: 'rows.update',
    title: 'Update rows',
    description:
      'Sets columns on the rows matching column equalities. Refuses to touch every row unless `allRows` is true, so an empty filter never rewrites a table by accident.',
    input: Type.Object({
      table,
      set: Type.Record(Type.String(), Type.Unknown(), { minProperties: 1, description: setDescription }),
      where: Type.Optional(whereField),
      allRows: allRowsField('update'),
      ...extra,
    }),
    output,
  };
}

/** `rows.delete`: a guarded delete (refused without `where` unless `allRows`); `extra` as for update. */
export function deleteRowsAction<T extends TSchema, O extends TSchema, X extends TProperties = Record<never, never>>(
  table: T,
  output: O,
  extra: X = {} as X,
) {
  return {
    key: 'rows.delete',
    title: 'Delete rows',
    description:
      'Deletes the rows matching column equalities. Refuses to delete every row unless `allRows` is true, so an empty filter never empties a table by accident.',
    input: Type.Object({
      table,
      where: Type.Optional(whereField),
      allRows: allRowsField('delete'),
      ...extra,
    }),
    output,
  };
}

/** The `rows` of an insert: one to 10 000 rows, column to value, bound as `description` says. */
export const insertRowsField = (description: string) =>
  Type.Array(Type.Record(Type.String(), Type.Unknown(), { minProperties: 1 }), {
    minItems: 1,
    maxItems: 10_000,
    description,
  });

/** The input of `transaction`: 1 to 1000 statements, each with its values as the dialect writes them. */
export const transactionStatementsField = (sql: string, values: string) =>
  Type.Array(
    Type.Object({
      sql: Type.String({ minLength: 1, description: sql }),
      values: Type.Array(Type.Unknown(), { default: [], description: values }),
    }),
    { minItems: 1, maxItems: 1000, description: 'The statements, run in this order' },
  );

/**
 * The statements of `transaction`'s example, moving 100 from account 1 to account 2, written with
 * the dialect's placeholders.
 */
export function transferStatements(dialect: Pick<SqlDialect, 'placeholder'>) {
  const [amount, id] = [dialect.placeholder(1), dialect.placeholder(2)];
  return [
    { sql: `UPDATE accounts SET balance = balance - ${amount} WHERE id = ${id}`, values: [100, 1] },
    { sql: `UPDATE accounts SET balance = balance + ${amount} WHERE id = ${id}`, values: [100, 2] },
  ];
}

/**
 * `transaction`, all but auth and run: `description` says which statements the dialect refuses,
 * `statement` how its statements and values are written, `result` what each statement answers; the
 * example moves money between accounts (`transferStatements`), each statement answering `exampleResult`.
 * @example
 * defineAction({ auth, ...transactionAction({ description, statement: { sql, values }, result, resultsDescription, dialect, exampleResult }), run })
 */
export function transactionAction<R extends TSchema, E>(options: {
  description: string;
  statement: { sql: string; values: string };
  result: R;
  resultsDescription: string;
  dialect: Pick<SqlDialect, 'placeholder'>;
  exampleResult: E;
}) {
  return {
    key: 'transaction',
    title: 'Run statements in a transaction',
    description: options.description,
    input: Type.Object({
      statements: transactionStatementsField(options.statement.sql, options.statement.values),
    }),
    output: Type.Object({
      results: Type.Array(options.result, { description: options.resultsDescription }),
    }),
    examples: [
      {
        title: 'Move money between accounts',
        input: { statements: transferStatements(options.dialect) },
        output: { results: [options.exampleResult, options.exampleResult] },
      },
    ],
  };
}

/** A column as `tables.describe` reports it; `extra` adds dialect fields (autoIncrement). */
export const columnInfo = <X extends TProperties = Record<never, never>>(
  typeDescription: string,
  defaultDescription: string,
  extra: X = {} as X,
) =>
  Type.Object({
    name: Type.String({ description: 'Column name' }),
    type: Type.String({ description: typeDescription }),
    nullable: Type.Boolean({ description: 'Whether the column accepts NULL' }),
    default: Type.Union([Type.String(), Type.Null()], { description: defaultDescription }),
    primaryKey: Type.Boolean({ description: 'Whether the column is part of the primary key' }),
    ...extra,
  });
