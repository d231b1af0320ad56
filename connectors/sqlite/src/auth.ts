import { Auth } from '@mova/sdk';
import { withSession } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // Reading the schema fails on a file that is not a database, which opening alone would not show.
  validate: async (connection) => {
    await withSession(connection, undefined, (session) => session.query('SELECT count(*) FROM sqlite_schema'));
  },
});
