import { Auth, type AuthValue } from '@mova/sdk';
import { github } from './client.js';

export const auth = Auth.bearer({
  description:
    'A fine-grained or classic personal access token, or a GitHub App installation token, with access to the repositories the workflows touch.',
  // GET /rate_limit answers every kind of token (an installation token gets 403 from GET /user),
  // still rejects a bad one with 401, and does not count against the primary rate limit.
  validate: async (connection) => {
    await github(connection).rest.rateLimit.get();
  },
});

export type Connection = AuthValue<typeof auth>;
