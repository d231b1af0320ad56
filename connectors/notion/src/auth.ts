import { Auth } from '@mova/sdk';
import { withNotion } from './client.js';
import { connectionFields } from './connection.js';

/**
 * Both of Notion's credentials are bearer tokens: an internal integration's secret (`ntn_…`, or
 * `secret_…` for older integrations) and the `access_token` a public integration's OAuth flow returns.
 * GET /v1/users/me (the integration's bot user) needs no capability, so it proves the token alone.
 */
export const auth = Auth.bearer({
  description:
    'Internal integration secret (ntn_… or secret_…), or the access_token of a public integration’s OAuth authorization',
  fields: connectionFields,
  validate: async (connection) => {
    await withNotion(connection, undefined, (notion) => notion.users.me({}));
  },
});
