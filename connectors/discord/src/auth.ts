import { Auth } from '@mova/sdk';
import { withDiscord } from './client.js';
import { connectionFields } from './connection.js';

/**
 * A bot token. `GET /users/@me` needs no permission in any server, so it proves the token works
 * without depending on where the bot was added.
 */
export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    await withDiscord(connection, undefined, (http) => http.get('/users/@me'));
  },
});
