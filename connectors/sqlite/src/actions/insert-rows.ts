import { defineAction } from '@mova/sdk';
import { insertRowsReturningAction, insertStatements, type Row, runAll } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { returnedRows, tableField } from '../schemas.js';

export const insertRows = defineAction({
  auth,
  ...insertRowsReturningAction({
    description:
      'Inserts one or more rows, all in one transaction, optionally skipping or updating rows that hit a unique key (upsert).',
    table: tableField,
    rowsDescription:
      'Rows to insert, column to value. A column missing from a row gets its DEFAULT. null is NULL, true/false are 1/0, arrays and objects are stored as JSON text.',
    returned: returnedRows,
    exampleTable: 'customers',
  }),
  async run({ input, auth, ctx }) {
    // SQLite has no DEFAULT among VALUES, so rows go in runs of rows with the same columns, in order.
    const statements = sameColumnRuns(input.rows).flatMap((rows) => insertStatements(sqlite, { ...input, rows }));
    return withSession(auth, ctx, async (session) => {
      const results = await runAll(session, statements);
      return {
        rowCount: results.reduce((sum, result) => sum + result.changes, 0),
        rows: results.flatMap((result) => result.rows),
      };
    });
  },
});

/** Consecutive rows that name the same columns, grouped, in their order. */
function sameColumnRuns(rows: Row[]): Row[][] {
  const runs: { key: string; rows: Row[] }[] = [];
  for (const row of rows) {
    const key = JSON.stringify(Object.keys(row).sort());
    const last = runs.at(-1);
    if (last?.key === key) last.rows.push(row);
    else runs.push({ key, rows: [row] });
  }
  return runs.map((run) => run.rows);
}
