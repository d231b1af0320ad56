import { type TSchema, Type } from '@sinclair/typebox';
import { deleteRowsAction, insertRowsField, returningField, updateRowsAction } from './schemas.js';
import { onConflictField } from './upsert.js';

/**
 * The row actions of dialects with RETURNING (PostgreSQL, SQLite), all but auth and run: each takes
 * `returning` and answers with a count and the returned rows (`changed`, or `returned` for insert's
 * rows), and shows it in an example.
 */

/** `rows.update` with `returning`; `setDescription` says how the dialect stores the new values. */
export function updateRowsReturningAction<T extends TSchema, O extends TSchema>(
  table: T,
  setDescription: string,
  changed: O,
) {
  return {
    ...updateRowsAction(table, setDescription, changed, { returning: Type.Optional(returningField) }),
    examples: [
      {
        title: 'Close an order',
        input: {
          table: 'orders',
          set: { status: 'closed' },
          where: { id: 7 },
          allRows: false,
          returning: ['id', 'status'],
        },
        output: { rowCount: 1, rows: [{ id: 7, status: 'closed' }] },
      },
    ],
  };
}

/** `rows.delete` with `returning`. */
export function deleteRowsReturningAction<T extends TSchema, O extends TSchema>(table: T, changed: O) {
  return {
    ...deleteRowsAction(table, changed, { returning: Type.Optional(returningField) }),
    examples: [
      {
        title: 'Delete one session',
        input: { table: 'sessions', where: { token: 'c0ffee' }, allRows: false },
        output: { rowCount: 1, rows: [] },
      },
    ],
  };
}

/**
 * `rows.insert` with `returning` and `onConflict` (upsert): `description` says how the dialect
 * batches rows, `rowsDescription` how it stores values; the example upserts into `exampleTable`.
 */
export function insertRowsReturningAction<T extends TSchema, R extends TSchema>(options: {
  description: string;
  table: T;
  rowsDescription: string;
  returned: R;
  exampleTable: string;
}) {
  return {
    key: 'rows.insert',
    title: 'Insert rows',
    description: options.description,
    input: Type.Object({
      table: options.table,
      rows: insertRowsField(options.rowsDescription),
      returning: Type.Optional(returningField),
      onConflict: Type.Optional(onConflictField),
    }),
    output: Type.Object({
      rowCount: Type.Integer({
        minimum: 0,
        description: 'Rows inserted or updated; rows skipped by do: "nothing" are not counted',
      }),
      rows: options.returned,
    }),
    examples: [
      {
        title: 'Upsert by email, returning the id',
        input: {
          table: options.exampleTable,
          rows: [{ email: 'ada@example.com', name: 'Ada' }],
          onConflict: { do: 'update' as const, columns: ['email'] },
          returning: ['id'],
        },
        output: { rowCount: 1, rows: [{ id: 42 }] },
      },
    ],
  };
}
