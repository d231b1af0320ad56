import { Auth } from '@mova/sdk';
import { callAsana } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /users/me needs no scope beyond the token itself and refuses a bad one with 401.
  validate: async (connection) => {
    await callAsana(connection, undefined, ({ users }) => users.getUser('me', { opt_fields: 'gid' }));
  },
});
