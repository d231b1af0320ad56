import { defineAction, Type } from '@mova/sdk';
import { insertRowsField, insertStatements, runAll } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { mysql } from '../dialect.js';
import { insertId, tableField } from '../schemas.js';

const onConflict = Type.Union(
  [
    Type.Object({ do: Type.Literal('nothing') }),
    Type.Object({
      do: Type.Literal('update'),
      update: Type.Optional(
        Type.Array(Type.String({ minLength: 1 }), {
          minItems: 1,
          description: 'Columns to overwrite with the new values; default: every inserted column',
        }),
      ),
    }),
  ],
  {
    description:
      'What to do when a row hits a PRIMARY KEY or UNIQUE index (any of them: MySQL takes no conflict target): {do: "nothing"} keeps the existing row, {do: "update"} overwrites it (upsert, ON DUPLICATE KEY UPDATE)',
  },
);

export const insertRows = defineAction({
  auth,
  key: 'rows.insert',
  title: 'Insert rows',
  description:
    'Inserts one or more rows in one statement (several, in one transaction, when there are too many values for one), optionally keeping or updating rows that hit a unique key (upsert).',
  input: Type.Object({
    table: tableField,
    rows: insertRowsField(
      'Rows to insert, column to value. A column missing from a row gets its DEFAULT. Objects and arrays are stored as JSON text.',
    ),
    onConflict: Type.Optional(onConflict),
  }),
  output: Type.Object({
    affectedRows: Type.Integer({
      minimum: 0,
      description: "MySQL's count: 1 per inserted row, 2 per row updated by an upsert, 0 per row kept unchanged",
    }),
    insertId,
  }),
  examples: [
    {
      title: 'Upsert by a unique email',
      input: {
        table: 'shop.customers',
        rows: [{ email: 'ada@example.com', name: 'Ada' }],
        onConflict: { do: 'update', update: ['name'] },
      },
      output: { affectedRows: 1, insertId: 42 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const results = await runAll(session, insertStatements(mysql, input));
      const first = results.find(({ header }) => header?.insertId);
      return {
        affectedRows: results.reduce((sum, { header }) => sum + (header?.affectedRows ?? 0), 0),
        insertId: first?.header?.insertId ?? 0,
      };
    });
  },
});
