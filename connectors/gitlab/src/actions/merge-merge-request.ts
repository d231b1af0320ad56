import { MergeRequests } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { iidField, mergeRequestSchema, projectField, toMergeRequest } from '../schemas.js';

export const mergeMergeRequest = defineAction({
  auth,
  key: 'mergeRequests.merge',
  title: 'Merge a merge request',
  description:
    'Accepts and merges a merge request now. Fails as a conflict when GitLab cannot merge it (draft, closed, conflicts, approvals or pipeline missing) or when sha is not its head.',
  input: Type.Object({
    project: projectField,
    mergeRequestIid: iidField('Merge request'),
    sha: Type.Optional(
      Type.String({
        pattern: '^[0-9a-f]{7,64}$',
        description: 'Merge only if the source branch head is still this commit',
      }),
    ),
    squash: Type.Optional(Type.Boolean({ description: 'Squash its commits into one' })),
    mergeCommitMessage: Type.Optional(Type.String({ minLength: 1, description: 'Message of the merge commit' })),
    squashCommitMessage: Type.Optional(Type.String({ minLength: 1, description: 'Message of the squash commit' })),
    shouldRemoveSourceBranch: Type.Optional(Type.Boolean({ description: 'Delete the source branch after merging' })),
  }),
  output: mergeRequestSchema,
  examples: [{ input: { project: 'acme/api', mergeRequestIid: 1, squash: true, shouldRemoveSourceBranch: true } }],
  async run({ input, auth, ctx }) {
    const mergeRequest = await withGitlab(auth, ctx, MergeRequests, (mergeRequests) =>
      mergeRequests.merge(input.project, input.mergeRequestIid, {
        sha: input.sha,
        squash: input.squash,
        mergeCommitMessage: input.mergeCommitMessage,
        squashCommitMessage: input.squashCommitMessage,
        shouldRemoveSourceBranch: input.shouldRemoveSourceBranch,
      }),
    );
    return toMergeRequest(mergeRequest);
  },
});
