import { defineAction, Type } from '@mova/sdk';
import { columnInfo, fetchColumns } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { mysql } from '../dialect.js';
import { tableField } from '../schemas.js';

export const describeTable = defineAction({
  auth,
  key: 'tables.describe',
  title: 'Describe a table',
  description:
    'Lists the columns of a table or view in order, with full SQL type, nullability, default, whether each is part of the primary key and whether it is AUTO_INCREMENT.',
  input: Type.Object({ table: tableField }),
  output: Type.Object({
    database: Type.String({ description: 'The database the table is in' }),
    table: Type.String({ description: 'The table name' }),
    columns: Type.Array(
      columnInfo(
        'Full column type, e.g. varchar(80), decimal(10,2), int(10) unsigned',
        "Default as information_schema reports it (MariaDB: an SQL expression such as 'abc' or current_timestamp(); MySQL: the bare value); null when none or NULL",
        { autoIncrement: Type.Boolean({ description: 'Whether the server numbers the column (AUTO_INCREMENT)' }) },
      ),
      { description: 'Columns in table order' },
    ),
  }),
  examples: [
    {
      input: { table: 'shop.customers' },
      output: {
        database: 'shop',
        table: 'customers',
        columns: [
          { name: 'id', type: 'int(11)', nullable: false, default: null, primaryKey: true, autoIncrement: true },
          {
            name: 'email',
            type: 'varchar(255)',
            nullable: false,
            default: null,
            primaryKey: false,
            autoIncrement: false,
          },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { schema, table, columns } = await fetchColumns(session, mysql, input.table, ctx.actionKey);
      return {
        database: schema,
        table,
        columns: columns.map((c) => ({ ...c, autoIncrement: c.autoIncrement === true })),
      };
    });
  },
});
