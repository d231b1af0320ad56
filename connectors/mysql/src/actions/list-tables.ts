import { defineAction, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { invalidInput, MySqlError } from '../errors.js';

const tableType = Type.Union(
  [
    Type.Literal('table'),
    Type.Literal('view'),
    Type.Literal('system view'),
    Type.Literal('sequence'),
    Type.Literal('temporary table'),
  ],
  { description: 'What kind of table it is' },
);

// information_schema.TABLES.TABLE_TYPE values; SEQUENCE and TEMPORARY are MariaDB's.
const KINDS = new Map<string, Static<typeof tableType>>([
  ['BASE TABLE', 'table'],
  ['VIEW', 'view'],
  ['SYSTEM VIEW', 'system view'],
  ['SEQUENCE', 'sequence'],
  ['TEMPORARY', 'temporary table'],
]);

export const listTables = defineAction({
  auth,
  key: 'tables.list',
  title: 'List tables',
  description: 'Lists the tables and views of a database, by name.',
  input: Type.Object({
    database: Type.Optional(
      Type.String({ minLength: 1, description: "Database to list; default: the connection's database" }),
    ),
  }),
  output: Type.Object({
    database: Type.String({ description: 'The database listed' }),
    tables: Type.Array(
      Type.Object({ name: Type.String({ description: 'Table name, exactly as stored' }), type: tableType }),
      { description: 'Sorted by name' },
    ),
  }),
  examples: [
    {
      input: { database: 'shop' },
      output: {
        database: 'shop',
        tables: [
          { name: 'customers', type: 'table' },
          { name: 'open_orders', type: 'view' },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const database = input.database ?? (await currentDatabase());
      const { rows } = await session.query(
        `SELECT TABLE_NAME AS name, TABLE_TYPE AS type FROM information_schema.TABLES
          WHERE TABLE_SCHEMA = ? ORDER BY TABLE_NAME`,
        [database],
      );
      if (rows.length === 0) {
        const exists = await session.query('SELECT 1 FROM information_schema.SCHEMATA WHERE SCHEMA_NAME = ?', [
          database,
        ]);
        if (exists.rows.length === 0) {
          throw new MySqlError(
            `${ctx.actionKey} failed: database "${database}" does not exist`,
            { kind: 'not_found', actionKey: ctx.actionKey },
            'Check the database name.',
          );
        }
      }
      const tables = rows.flatMap(({ name, type }) => {
        const kind = KINDS.get(String(type));
        return kind ? [{ name: String(name), type: kind }] : [];
      });
      return { database, tables };

      async function currentDatabase(): Promise<string> {
        const { rows } = await session.query('SELECT DATABASE() AS db');
        const db = rows[0]?.db;
        if (typeof db !== 'string') {
          throw invalidInput('no database to list', 'Give "database", or set a database in the connection.');
        }
        return db;
      }
    });
  },
});
