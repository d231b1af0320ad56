import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { statementResult, valuesField } from '../schemas.js';

export const runQuery = defineAction({
  auth,
  key: 'query',
  title: 'Run a SQL statement',
  description:
    'Runs one SQL statement with ? placeholders filled from `values` (bound as parameters, never spliced into the text) and returns its rows, the rows it changed and the last inserted rowid. One statement per call: use `transaction` for several.',
  input: Type.Object({
    sql: Type.String({ minLength: 1, description: 'One SQL statement; refer to values as ? (or ?1, ?2 ...)' }),
    values: valuesField('Values for the placeholders, in order'),
  }),
  output: Type.Object(statementResult),
  examples: [
    {
      title: 'Select with a parameter',
      input: { sql: 'SELECT id, email, balance FROM customers WHERE id = ?', values: [42] },
      output: {
        command: 'SELECT',
        rows: [{ id: 42, email: 'ada@example.com', balance: 1200.5 }],
        changes: 0,
        lastInsertRowid: null,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, (session) => session.query(input.sql, input.values));
  },
});
