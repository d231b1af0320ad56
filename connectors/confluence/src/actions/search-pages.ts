import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withConfluence } from '../client.js';
import { searchContent, searchHitSchema } from '../search.js';

export const searchPages = defineAction({
  auth,
  key: 'pages.search',
  title: 'Search content with CQL',
  description:
    'Finds pages, blog posts, attachments or comments with a CQL query, e.g. space = ENG AND type = page AND text ~ "runbook" ORDER BY lastmodified DESC. Uses the REST v1 search endpoint, which REST v2 has no counterpart for. Pages with a cursor.',
  input: Type.Object({
    cql: Type.String({ minLength: 1, description: 'CQL query, e.g. type = page AND title ~ "release"' }),
    limit: Type.Integer({
      minimum: 1,
      maximum: 250,
      default: 25,
      description: 'Most results to return (default 25, at most 250)',
    }),
    cursor: Type.Optional(
      Type.String({ minLength: 1, description: 'nextCursor of a previous search, to continue it' }),
    ),
  }),
  output: Type.Object({
    results: Type.Array(searchHitSchema, { description: 'Matches, in the order the query asks for' }),
    totalSize: Type.Integer({ description: 'How many results match in all' }),
    nextCursor: Type.Union([Type.String(), Type.Null()], {
      description: 'Cursor for the next results; null at the end',
    }),
  }),
  examples: [
    {
      title: 'Runbooks in a space, newest first',
      input: { cql: 'space = ENG AND type = page AND title ~ "runbook" ORDER BY lastmodified DESC' },
    },
  ],
  async run({ input, auth, ctx }) {
    return withConfluence(auth, ctx, (api) => searchContent(api, input));
  },
});
