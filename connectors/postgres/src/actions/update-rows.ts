import { defineAction } from '@mova/sdk';
import { guardAllRows, updateRowsReturningAction, updateStatement } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { postgres } from '../dialect.js';
import { jsonBinder, jsonColumns, needsColumnTypes } from '../json-values.js';
import { changedRows, tableField } from '../schemas.js';

export const updateRows = defineAction({
  auth,
  ...updateRowsReturningAction(
    tableField,
    'Columns to change, column to new value. A json/jsonb column stores the value itself as JSON (a string as a JSON string; null is SQL NULL); elsewhere arrays become PostgreSQL arrays and objects JSON text.',
    changedRows,
  ),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      // Before the column lookup, so an unfiltered update is refused without a round trip.
      guardAllRows(input.where, input.allRows, 'update');
      const json = needsColumnTypes(Object.values(input.set)) ? await jsonColumns(session, input.table) : undefined;
      const { text, values } = updateStatement(postgres, input, jsonBinder(json));
      const result = await session.query(text, values);
      return { rowCount: result.rowCount ?? 0, rows: result.rows };
    });
  },
});
