import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { callZendesk } from '../client.js';
import { toUser, type User, user, type ZendeskUser } from '../users.js';

const PER_PAGE = 100;

/** GET /api/v2/users/search.json?query=… or ?external_id=… */
export const searchUsers = defineAction({
  key: 'users.search',
  title: 'Find users',
  description:
    'Finds Zendesk Support users by email, name, phone or other search terms, or by external ID, paging through the results.',
  auth,
  input: Type.Object({
    query: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Search terms: an email, a name, or Zendesk syntax such as role:agent.',
      }),
    ),
    external_id: Type.Optional(
      Type.String({ minLength: 1, description: 'Exact external ID, instead of query (one of the two is needed).' }),
    ),
    maxResults: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Most users to return.' }),
  }),
  output: Type.Object({
    users: Type.Array(user, { description: 'Matching users.' }),
  }),
  examples: [{ title: 'Find a user by email', input: { query: 'ada@example.com' } }],
  async run({ input, auth, ctx }) {
    const query = input.external_id === undefined ? { query: input.query } : { external_id: input.external_id };
    if (query.query === undefined && query.external_id === undefined) {
      throw new ConnectorError('Give query or external_id', { kind: 'invalid_input', actionKey: ctx.actionKey });
    }
    return callZendesk(auth, ctx, async (http) => {
      const users: User[] = [];
      const pages = http.paginate<ZendeskUser, { users: ZendeskUser[] }>({
        path: '/users/search.json',
        query,
        maxPages: Math.ceil(input.maxResults / PER_PAGE),
        strategy: {
          type: 'page',
          pageParam: 'page',
          sizeParam: 'per_page',
          size: PER_PAGE,
          items: (r) => r.data.users,
        },
      });
      for await (const found of pages) {
        users.push(toUser(found));
        if (users.length >= input.maxResults) break;
      }
      return { users };
    });
  },
});
