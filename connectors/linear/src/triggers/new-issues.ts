import { PaginationOrderBy } from '@linear/sdk';
import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';
import { issueOf, issueSchema } from '../issues.js';

export const newIssues = defineTrigger({
  auth,
  kind: 'polling',
  key: 'issues.new',
  title: 'New issues',
  description:
    'Starts a workflow for each issue created (in a team, or anywhere the key can see): each poll reads the newest issues by creation and emits those not emitted before (by id), oldest first.',
  input: Type.Object({
    teamId: Type.Optional(Type.String({ minLength: 1, description: 'Only issues of this team' })),
    first: Type.Integer({
      minimum: 1,
      maximum: 250,
      default: 50,
      description: 'Newest issues read per poll (default 50); more new ones than this between two polls are missed',
    }),
  }),
  output: issueSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New issues in a team', input: { teamId: '9cfb482a-81e3-4154-b5b9-2c805e70a02d' } }],
  async poll({ input, auth, ctx }) {
    const page = await withLinear(auth, ctx, (linear) =>
      linear.issues({
        first: input.first,
        orderBy: PaginationOrderBy.CreatedAt,
        ...(input.teamId ? { filter: { team: { id: { eq: input.teamId } } } } : {}),
      }),
    );
    // Newest first from Linear; oldest first to the workflow.
    return page.nodes.map(issueOf).reverse();
  },
});
