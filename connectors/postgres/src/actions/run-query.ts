import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { jsonArrayParameters } from '../json-values.js';
import { rows } from '../schemas.js';
import { typeNames } from '../type-names.js';

export const runQuery = defineAction({
  auth,
  key: 'query',
  title: 'Run a SQL statement',
  description:
    'Runs one SQL statement with $1, $2 ... placeholders filled from `values` (sent as parameters, never spliced into the text) and returns its rows, row count and column types. One statement per call: use `transaction` for several.',
  input: Type.Object({
    sql: Type.String({ minLength: 1, description: 'One SQL statement; refer to values as $1, $2 ...' }),
    values: Type.Array(Type.Unknown(), {
      default: [],
      description:
        'Values for $1, $2 ... in order; null is NULL. An array becomes a JSON array for a json/jsonb parameter and a PostgreSQL array for any other; an object becomes JSON text; a string is text the server converts to the parameter type (JSON text for json/jsonb).',
    }),
  }),
  output: Type.Object({
    command: Type.String({ description: 'The command the server ran: SELECT, INSERT, UPDATE, CREATE ...' }),
    rowCount: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], {
      description: 'Rows returned or affected; null for commands that report no count (CREATE TABLE ...)',
    }),
    rows,
    fields: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Column name as returned (duplicates: the last one wins in `rows`)' }),
        type: Type.String({ description: 'SQL type name, e.g. integer, text, timestamp with time zone' }),
        typeId: Type.Integer({ description: 'The type OID' }),
      }),
      { description: 'The result columns in order; empty for statements that return no rows' },
    ),
  }),
  examples: [
    {
      title: 'Select with a parameter',
      input: { sql: 'SELECT id, email, balance FROM customers WHERE id = $1', values: [42] },
      output: {
        command: 'SELECT',
        rowCount: 1,
        rows: [{ id: 42, email: 'ada@example.com', balance: '1200.50' }],
        fields: [
          { name: 'id', type: 'integer', typeId: 23 },
          { name: 'email', type: 'text', typeId: 25 },
          { name: 'balance', type: 'numeric', typeId: 1700 },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const result = await session.query(input.sql, await jsonArrayParameters(session, input.sql, input.values));
      const names = await typeNames(
        session,
        result.fields.map((f) => f.dataTypeID),
      );
      return {
        command: result.command,
        rowCount: result.rowCount,
        rows: result.rows,
        fields: result.fields.map((f) => ({
          name: f.name,
          type: names.get(f.dataTypeID) ?? 'unknown',
          typeId: f.dataTypeID,
        })),
      };
    });
  },
});
