import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';
import { issueOf, issueSchema, pageInput, pageOutput } from '../issues.js';

export const searchIssues = defineAction({
  auth,
  key: 'issues.search',
  title: 'Search issues',
  description:
    'Finds issues by text in their title, description or identifier (Linear’s issue search), optionally in one team, one page at a time.',
  input: Type.Object({
    term: Type.String({ minLength: 1, description: 'Text to search for' }),
    teamId: Type.Optional(Type.String({ minLength: 1, description: 'Only issues of this team' })),
    includeArchived: Type.Boolean({ default: false, description: 'Include archived issues (default false)' }),
    ...pageInput,
  }),
  output: Type.Object({
    issues: Type.Array(issueSchema, { description: 'Matching issues on this page' }),
    ...pageOutput,
  }),
  examples: [{ input: { term: 'checkout', first: 20 } }],
  async run({ input, auth, ctx }) {
    const page = await withLinear(auth, ctx, (linear) =>
      linear.searchIssues(input.term, {
        first: input.first,
        includeArchived: input.includeArchived,
        ...(input.teamId ? { teamId: input.teamId } : {}),
        ...(input.after ? { after: input.after } : {}),
      }),
    );
    return {
      issues: page.nodes.map(issueOf),
      hasNextPage: page.pageInfo.hasNextPage,
      endCursor: page.pageInfo.endCursor ?? null,
    };
  },
});
