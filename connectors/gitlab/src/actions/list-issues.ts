import { Issues } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { issueSchema, pageFields, pageInfo, pageOf, toIssue } from '../schemas.js';

export const listIssues = defineAction({
  auth,
  key: 'issues.list',
  title: 'List issues',
  description:
    "Lists a project's issues (or, without a project, those the token's user can see), filtered by state, labels, people, text and dates, one page at a time.",
  input: Type.Object({
    project: Type.Optional(
      Type.String({ minLength: 1, description: 'Project ID or full path; leave out to list across all projects' }),
    ),
    state: Type.Union([Type.Literal('opened'), Type.Literal('closed'), Type.Literal('all')], {
      default: 'opened',
      description: 'opened (default), closed or all',
    }),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only issues with all these labels' }),
    ),
    search: Type.Optional(Type.String({ minLength: 1, description: 'Text to find in the title or description' })),
    authorUsername: Type.Optional(Type.String({ minLength: 1, description: 'Only issues opened by this username' })),
    assigneeUsername: Type.Optional(
      Type.String({ minLength: 1, description: 'Only issues assigned to this username' }),
    ),
    createdAfter: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only issues opened after this time' }),
    ),
    updatedAfter: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only issues changed after this time' }),
    ),
    orderBy: Type.Union([Type.Literal('created_at'), Type.Literal('updated_at'), Type.Literal('due_date')], {
      default: 'created_at',
      description: 'Sort field: created_at (default), updated_at or due_date',
    }),
    sort: Type.Union([Type.Literal('desc'), Type.Literal('asc')], {
      default: 'desc',
      description: 'desc (newest first, default) or asc',
    }),
    ...pageFields,
  }),
  output: Type.Object({ issues: Type.Array(issueSchema, { description: 'Issues on this page' }), ...pageInfo }),
  examples: [{ title: 'Open bugs', input: { project: 'acme/api', labels: ['bug'], perPage: 50 } }],
  async run({ input, auth, ctx }) {
    const { data, paginationInfo } = await withGitlab(auth, ctx, Issues, (issues) =>
      issues.all({
        ...(input.project ? { projectId: input.project } : { scope: 'all' }),
        state: input.state === 'all' ? undefined : input.state,
        labels: input.labels?.join(','),
        search: input.search,
        authorUsername: input.authorUsername,
        assigneeUsername: input.assigneeUsername ? [input.assigneeUsername] : undefined,
        createdAfter: input.createdAfter,
        updatedAfter: input.updatedAfter,
        orderBy: input.orderBy,
        sort: input.sort,
        page: input.page,
        perPage: input.perPage,
        showExpanded: true,
      }),
    );
    return { issues: data.map(toIssue), ...pageOf(paginationInfo) };
  },
});
