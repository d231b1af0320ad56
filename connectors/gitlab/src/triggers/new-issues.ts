import { Issues } from '@gitbeaker/rest';
import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { issueSchema, projectField, toIssue } from '../schemas.js';

export const newIssues = defineTrigger({
  auth,
  kind: 'polling',
  key: 'issues.new',
  title: 'New issue',
  description:
    'Starts a workflow for each issue opened in a project (optionally only those with given labels). Each poll reads the newest issues by creation time and emits those not emitted before (by id).',
  input: Type.Object({
    project: projectField,
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only issues with all these labels' }),
    ),
    perPage: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description: 'Newest issues read per poll (default 50); more new ones than this between two polls are missed',
    }),
  }),
  output: issueSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New bugs', input: { project: 'acme/api', labels: ['bug'] } }],
  async poll({ input, auth, ctx }) {
    const issues = await withGitlab(auth, ctx, Issues, (resource) =>
      resource.all({
        projectId: input.project,
        labels: input.labels?.join(','),
        orderBy: 'created_at',
        sort: 'desc',
        page: 1,
        perPage: input.perPage,
      }),
    );
    // Oldest first, so workflows run in the order the issues were opened.
    return issues.map(toIssue).reverse();
  },
});
