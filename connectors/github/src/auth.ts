import { Auth, ConnectorError } from '@mova/sdk';
import { github } from './client.js';
import { connectionFields } from './connection.js';

export const auth = Auth.bearer({
  description:
    'A fine-grained or classic personal access token, or a GitHub App installation token, with access to the repositories the workflows touch.',
  fields: connectionFields,
  // GET /rate_limit answers every kind of token (an installation token gets 403 from GET /user),
  // still rejects a bad one with 401, and does not count against the primary rate limit.
  validate: async (connection) => {
    const octokit = github(connection);
    try {
      await octokit.rest.rateLimit.get();
    } catch (error) {
      // Enterprise Server answers 404 there when its admin left rate limiting off (the default);
      // GET /meta needs no permission yet still refuses a bad token with 401.
      const rateLimitOff = error instanceof ConnectorError && error.status === 404;
      if (!connection.baseUrl || !rateLimitOff) throw error;
      await octokit.rest.meta.get();
    }
  },
});
