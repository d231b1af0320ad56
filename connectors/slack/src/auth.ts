import { Auth } from '@mova/sdk';
import { callSlack } from './client.js';
import { connectionFields } from './connection.js';

/**
 * A bot token (`xoxb-…`) or user token (`xoxp-…`). Slack's `auth.test` needs no scope, so it proves the
 * token works without depending on what the app was granted.
 */
export const auth = Auth.bearer({
  description: 'Slack bot token (xoxb-…) or user token (xoxp-…) from the app’s OAuth & Permissions page.',
  fields: connectionFields,
  validate: async (connection) => {
    await callSlack(connection, undefined, (slack) => slack.auth.test());
  },
});
