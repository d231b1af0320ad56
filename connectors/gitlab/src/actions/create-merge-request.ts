import { MergeRequests } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { mergeRequestSchema, projectField, toMergeRequest } from '../schemas.js';

export const createMergeRequest = defineAction({
  auth,
  key: 'mergeRequests.create',
  title: 'Create a merge request',
  description:
    'Opens a merge request from a source branch into a target branch. Start the title with "Draft:" to open it as a draft.',
  input: Type.Object({
    project: projectField,
    sourceBranch: Type.String({ minLength: 1, description: 'Branch with the changes' }),
    targetBranch: Type.String({ minLength: 1, description: 'Branch to merge into, e.g. main' }),
    title: Type.String({ minLength: 1, maxLength: 255, description: 'Title' }),
    description: Type.Optional(Type.String({ description: 'Description (Markdown)' })),
    labels: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Label names' })),
    assigneeIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'IDs of the users to assign' })),
    reviewerIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'IDs of the reviewers' })),
    removeSourceBranch: Type.Optional(Type.Boolean({ description: 'Delete the source branch once merged' })),
    squash: Type.Optional(Type.Boolean({ description: 'Squash its commits into one when merged' })),
  }),
  output: mergeRequestSchema,
  examples: [
    {
      input: {
        project: 'acme/api',
        sourceBranch: 'fix/checkout-limit',
        targetBranch: 'main',
        title: 'Fix checkout for large carts',
        removeSourceBranch: true,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const mergeRequest = await withGitlab(auth, ctx, MergeRequests, (mergeRequests) =>
      mergeRequests.create(input.project, input.sourceBranch, input.targetBranch, input.title, {
        description: input.description,
        labels: input.labels?.join(','),
        assigneeIds: input.assigneeIds,
        reviewerIds: input.reviewerIds,
        removeSourceBranch: input.removeSourceBranch,
        squash: input.squash,
      }),
    );
    return toMergeRequest(mergeRequest);
  },
});
