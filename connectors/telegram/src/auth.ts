import { Auth } from '@mova/sdk';
import { withTelegram } from './client.js';
import { connectionFields } from './connection.js';

/** The bot token; `getMe` needs nothing else, so it proves the token works. */
export const auth = Auth.custom({
  fields: connectionFields,
  validate: async (connection) => {
    await withTelegram(connection, undefined, (api) => api.call('getMe'));
  },
});
