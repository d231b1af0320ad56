import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSentry } from '../client.js';
import { issueSchema, toIssue } from '../schemas.js';

export const newIssues = defineTrigger({
  auth,
  kind: 'polling',
  key: 'issues.new',
  title: 'New issue',
  description:
    'Starts a workflow for each new issue (first seen) matching a search, optionally in some projects. Each poll reads the newest issues by first seen and emits those not emitted before (by id).',
  input: Type.Object({
    query: Type.String({
      default: 'is:unresolved',
      description: 'Sentry search the issues must match; default is:unresolved',
    }),
    projectIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 1 }), { description: 'Only issues of these project IDs' }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description: 'Newest issues read per poll (default 50); more new ones than this between two polls are missed',
    }),
  }),
  output: issueSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New errors', input: { query: 'is:unresolved level:error' } }],
  async poll({ input, auth, ctx }) {
    const { data } = await withSentry(auth, ctx, (http) =>
      http.get('/issues/', {
        query: { query: input.query, project: input.projectIds, sort: 'new', statsPeriod: '14d', limit: input.limit },
      }),
    );
    // Oldest first, so workflows run in the order the issues appeared.
    return Array.isArray(data) ? data.map(toIssue).reverse() : [];
  },
});
