import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withJira } from '../client.js';
import { userOf } from '../issue.js';

export const findUsers = defineAction({
  auth,
  key: 'users.find',
  title: 'Find users',
  description:
    'Finds active users by name or email, to get the id other actions take: the accountId on Cloud (GET /user/search?query=), the username on Data Center (GET /user/search?username=).',
  input: Type.Object({
    query: Type.String({
      minLength: 1,
      description: 'Text to match against display name and email, e.g. ada@example.com',
    }),
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 50, description: 'Most users to return (default 50)' }),
  }),
  output: Type.Object({
    users: Type.Array(
      Type.Object({
        id: Type.String({ description: 'accountId (Cloud) or username (Data Center): what assigneeId takes' }),
        displayName: Type.String({ description: 'Name Jira shows' }),
        email: Type.Union([Type.String(), Type.Null()], { description: 'Email, when the user makes it visible' }),
      }),
      { description: 'Users found, best match first' },
    ),
  }),
  examples: [{ title: 'Find a user by email', input: { query: 'ada@example.com' } }],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const found =
        jira.deployment === 'cloud'
          ? await jira.v3.userSearch.findUsers({ query: input.query, maxResults: input.limit })
          : await jira.v2.userSearch.findUsers({ username: input.query, maxResults: input.limit });
      const users = [];
      for (const raw of found) {
        // Cloud lists app and inactive accounts too; steps want people they can assign.
        if ('active' in raw && raw.active === false) continue;
        if ('accountType' in raw && raw.accountType !== undefined && raw.accountType !== 'atlassian') continue;
        const user = userOf(raw);
        if (user) users.push(user);
      }
      return { users };
    });
  },
});
