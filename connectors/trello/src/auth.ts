import { Auth } from '@mova/sdk';
import { trello } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.custom({
  fields: connectionFields,
  // GET /members/me answers any valid key and token pair, read scope only, and refuses a bad one with 401.
  validate: async (connection) => {
    await trello(connection, undefined).call('GET', '/members/me', { query: { fields: 'id' } });
  },
});
