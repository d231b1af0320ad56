import { MergeRequests } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { iidField, mergeRequestSchema, projectField, toMergeRequest } from '../schemas.js';

export const getMergeRequest = defineAction({
  auth,
  key: 'mergeRequests.get',
  title: 'Get a merge request',
  description: 'Reads one merge request of a project by its number (iid), with whether it can be merged now.',
  input: Type.Object({ project: projectField, mergeRequestIid: iidField('Merge request') }),
  output: mergeRequestSchema,
  examples: [{ input: { project: 'acme/api', mergeRequestIid: 1 } }],
  async run({ input, auth, ctx }) {
    const mergeRequest = await withGitlab(auth, ctx, MergeRequests, (mergeRequests) =>
      mergeRequests.show(input.project, input.mergeRequestIid),
    );
    return toMergeRequest(mergeRequest);
  },
});
