import { Auth } from '@mova/sdk';
import { withSession } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    await withSession(connection, undefined, (session) => session.query('SELECT 1'));
  },
});
