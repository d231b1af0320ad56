import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { MySqlError } from '../errors.js';
import { tableField } from '../schemas.js';
import { splitTableName } from '../sql.js';

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
      Type.Object({
        name: Type.String({ description: 'Column name' }),
        type: Type.String({ description: 'Full column type, e.g. varchar(80), decimal(10,2), int(10) unsigned' }),
        nullable: Type.Boolean({ description: 'Whether the column accepts NULL' }),
        default: Type.Union([Type.String(), Type.Null()], {
          description:
            "Default as information_schema reports it (MariaDB: an SQL expression such as 'abc' or current_timestamp(); MySQL: the bare value); null when none or NULL",
        }),
        primaryKey: Type.Boolean({ description: 'Whether the column is part of the primary key' }),
        autoIncrement: Type.Boolean({ description: 'Whether the server numbers the column (AUTO_INCREMENT)' }),
      }),
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
      const { database, table } = splitTableName(input.table);
      // MariaDB reports a NULL default as the word NULL; MySQL leaves the column NULL. VERSION()
      // tells the two apart so both come back as null.
      const { rows } = await session.query(
        `SELECT TABLE_SCHEMA AS db, TABLE_NAME AS tbl, COLUMN_NAME AS name, COLUMN_TYPE AS type, IS_NULLABLE AS nullable,
                COLUMN_DEFAULT AS dflt, COLUMN_KEY AS ckey, EXTRA AS extra, VERSION() AS version
           FROM information_schema.COLUMNS
          WHERE TABLE_SCHEMA = COALESCE(?, DATABASE()) AND TABLE_NAME = ?
          ORDER BY ORDINAL_POSITION`,
        [database, table],
      );
      const first = rows[0];
      if (!first) {
        throw new MySqlError(
          `${ctx.actionKey} failed: table "${input.table}" does not exist`,
          { kind: 'not_found', actionKey: ctx.actionKey, errorCode: 'ER_NO_SUCH_TABLE' },
          "Check the table name, and the database: without one the connection's database is used.",
        );
      }
      const mariadb = String(first.version).includes('MariaDB');
      return {
        database: String(first.db),
        table: String(first.tbl),
        columns: rows.map((r) => ({
          name: String(r.name),
          type: String(r.type),
          nullable: r.nullable === 'YES',
          default: typeof r.dflt === 'string' && !(mariadb && r.dflt === 'NULL') ? r.dflt : null,
          primaryKey: r.ckey === 'PRI',
          autoIncrement: String(r.extra).includes('auto_increment'),
        })),
      };
    });
  },
});
