import { defineAction } from '@mova/sdk';
import { insertRowsReturningAction, insertStatements, runAll } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { postgres } from '../dialect.js';
import { jsonBinder, jsonColumns, needsColumnTypes } from '../json-values.js';
import { returnedRows, tableField } from '../schemas.js';

export const insertRows = defineAction({
  auth,
  ...insertRowsReturningAction({
    description:
      'Inserts one or more rows in one statement (several, in one transaction, when there are too many values for one), optionally skipping or updating rows that hit a unique key (upsert).',
    table: tableField,
    rowsDescription:
      'Rows to insert, column to value. A column missing from a row gets its DEFAULT. A json/jsonb column stores the value itself as JSON (a string as a JSON string; null is SQL NULL); elsewhere arrays become PostgreSQL arrays and objects JSON text.',
    returned: returnedRows,
    exampleTable: 'public.customers',
  }),
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      // Built before the column lookup, so input no statement can take is refused without connecting.
      let statements = insertStatements(postgres, input);
      if (needsColumnTypes(input.rows.flatMap(Object.values))) {
        const json = await jsonColumns(session, input.table);
        if (json.size > 0) statements = insertStatements(postgres, input, jsonBinder(json));
      }
      const results = await runAll(session, statements);
      return {
        rowCount: results.reduce((sum, result) => sum + (result.rowCount ?? 0), 0),
        rows: results.flatMap((result) => result.rows),
      };
    });
  },
});
