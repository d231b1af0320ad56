import { defineAction, Type } from '@mova/sdk';
import { columnInfo, fetchColumns } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { tableField } from '../schemas.js';

export const describeTable = defineAction({
  auth,
  key: 'tables.describe',
  title: 'Describe a table',
  description:
    'Lists the columns of a table or view in order, with declared type, nullability, default expression and whether each is part of the primary key.',
  input: Type.Object({ table: tableField }),
  output: Type.Object({
    schema: Type.String({ description: 'The schema the table was found in (main unless asked for temp)' }),
    table: Type.String({ description: 'The table name as stored' }),
    columns: Type.Array(
      columnInfo(
        'Declared type as written in CREATE TABLE, e.g. INTEGER, TEXT, VARCHAR(80); empty when none was declared',
        "Default as an SQL expression, e.g. 'open' or CURRENT_TIMESTAMP; null when none",
      ),
      { description: 'Columns in table order' },
    ),
  }),
  examples: [
    {
      input: { table: 'customers' },
      output: {
        schema: 'main',
        table: 'customers',
        columns: [
          { name: 'id', type: 'INTEGER', nullable: false, default: null, primaryKey: true },
          { name: 'email', type: 'TEXT', nullable: false, default: null, primaryKey: false },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, (session) => fetchColumns(session, sqlite, input.table, ctx.actionKey));
  },
});
