import { MergeRequests } from '@gitbeaker/rest';
import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { mergeRequestSchema, projectField, toMergeRequest } from '../schemas.js';

export const newMergeRequests = defineTrigger({
  auth,
  kind: 'polling',
  key: 'mergeRequests.new',
  title: 'New merge request',
  description:
    'Starts a workflow for each merge request opened in a project (optionally only into one target branch). Each poll reads the newest merge requests by creation time and emits those not emitted before (by id).',
  input: Type.Object({
    project: projectField,
    targetBranch: Type.Optional(Type.String({ minLength: 1, description: 'Only merge requests into this branch' })),
    perPage: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 50,
      description:
        'Newest merge requests read per poll (default 50); more new ones than this between two polls are missed',
    }),
  }),
  output: mergeRequestSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New merge requests into main', input: { project: 'acme/api', targetBranch: 'main' } }],
  async poll({ input, auth, ctx }) {
    const mergeRequests = await withGitlab(auth, ctx, MergeRequests, (resource) =>
      resource.all({
        projectId: input.project,
        targetBranch: input.targetBranch,
        orderBy: 'created_at',
        sort: 'desc',
        page: 1,
        perPage: input.perPage,
      }),
    );
    return mergeRequests.map(toMergeRequest).reverse();
  },
});
