import { defineAction, Type } from '@mova/sdk';
import { deleteRowsAction, deleteStatement } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { mysql } from '../dialect.js';
import { tableField } from '../schemas.js';

export const deleteRows = defineAction({
  auth,
  ...deleteRowsAction(
    tableField,
    Type.Object({ affectedRows: Type.Integer({ minimum: 0, description: 'Rows deleted' }) }),
  ),
  examples: [
    {
      title: 'Delete one session',
      input: { table: 'sessions', where: { token: 'c0ffee' }, allRows: false },
      output: { affectedRows: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    return withSession(auth, ctx, async (session) => {
      const { text, values } = deleteStatement(mysql, input);
      const { header } = await session.query(text, values);
      return { affectedRows: header?.affectedRows ?? 0 };
    });
  },
});
