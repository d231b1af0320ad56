import { MergeRequests } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { mergeRequestSchema, pageFields, pageInfo, pageOf, toMergeRequest } from '../schemas.js';

export const listMergeRequests = defineAction({
  auth,
  key: 'mergeRequests.list',
  title: 'List merge requests',
  description:
    "Lists a project's merge requests (or, without a project, those the token's user can see), filtered by state, branches, labels, author, text and dates, one page at a time.",
  input: Type.Object({
    project: Type.Optional(
      Type.String({ minLength: 1, description: 'Project ID or full path; leave out to list across all projects' }),
    ),
    state: Type.Union(
      [
        Type.Literal('opened'),
        Type.Literal('closed'),
        Type.Literal('locked'),
        Type.Literal('merged'),
        Type.Literal('all'),
      ],
      { default: 'opened', description: 'opened (default), closed, locked, merged or all' },
    ),
    sourceBranch: Type.Optional(Type.String({ minLength: 1, description: 'Only merge requests from this branch' })),
    targetBranch: Type.Optional(Type.String({ minLength: 1, description: 'Only merge requests into this branch' })),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only those with all these labels' }),
    ),
    search: Type.Optional(Type.String({ minLength: 1, description: 'Text to find in the title or description' })),
    authorUsername: Type.Optional(Type.String({ minLength: 1, description: 'Only those opened by this username' })),
    createdAfter: Type.Optional(Type.String({ format: 'date-time', description: 'Only those opened after this time' })),
    updatedAfter: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only those changed after this time' }),
    ),
    orderBy: Type.Union([Type.Literal('created_at'), Type.Literal('updated_at')], {
      default: 'created_at',
      description: 'Sort field: created_at (default) or updated_at',
    }),
    sort: Type.Union([Type.Literal('desc'), Type.Literal('asc')], {
      default: 'desc',
      description: 'desc (newest first, default) or asc',
    }),
    ...pageFields,
  }),
  output: Type.Object({
    mergeRequests: Type.Array(mergeRequestSchema, { description: 'Merge requests on this page' }),
    ...pageInfo,
  }),
  examples: [{ title: 'Open merge requests into main', input: { project: 'acme/api', targetBranch: 'main' } }],
  async run({ input, auth, ctx }) {
    const { data, paginationInfo } = await withGitlab(auth, ctx, MergeRequests, (mergeRequests) =>
      mergeRequests.all({
        ...(input.project ? { projectId: input.project } : { scope: 'all' as const }),
        state: input.state === 'all' ? undefined : input.state,
        sourceBranch: input.sourceBranch,
        targetBranch: input.targetBranch,
        labels: input.labels?.join(','),
        search: input.search,
        authorUsername: input.authorUsername,
        createdAfter: input.createdAfter,
        updatedAfter: input.updatedAfter,
        orderBy: input.orderBy,
        sort: input.sort,
        page: input.page,
        perPage: input.perPage,
        showExpanded: true,
      }),
    );
    return { mergeRequests: data.map(toMergeRequest), ...pageOf(paginationInfo) };
  },
});
