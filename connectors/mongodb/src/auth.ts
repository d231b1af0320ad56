import { Auth } from '@mova/sdk';
import { withDatabase } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    await withDatabase(connection, {}, undefined, (db) => db.command({ ping: 1 }));
  },
});
