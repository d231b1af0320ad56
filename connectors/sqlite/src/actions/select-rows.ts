import { defineAction } from '@mova/sdk';
import { runSelect, selectRowsAction } from '@mova/sdk/sql';
import { auth } from '../auth.js';
import { withSession } from '../client.js';
import { sqlite } from '../dialect.js';
import { row, tableField } from '../schemas.js';

export const selectRows = defineAction({
  auth,
  ...selectRowsAction(tableField, row, 'orders'),
  run: ({ input, auth, ctx }) => withSession(auth, ctx, (session) => runSelect(session, sqlite, input)),
});
