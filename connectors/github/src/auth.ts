import { Auth, type AuthValue, ConnectorError, Type } from '@mova/sdk';
import { github } from './client.js';

export const auth = Auth.bearer({
  description:
    'A fine-grained or classic personal access token, or a GitHub App installation token, with access to the repositories the workflows touch.',
  fields: {
    baseUrl: Type.Optional(
      Type.String({
        format: 'uri',
        pattern: '^https?://',
        description:
          'GitHub Enterprise Server only: the REST API root of your server, such as https://github.example.com/api/v3. Leave it out for github.com.',
      }),
    ),
  },
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

export type Connection = AuthValue<typeof auth>;
