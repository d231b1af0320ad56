import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, pullNumber, repo } from '../shapes/common.js';

export const mergePull = defineAction({
  auth,
  key: 'pulls.merge',
  title: 'Merge a pull request',
  description:
    'Merges a pull request by merge commit, squash or rebase. Fails with kind conflict when it cannot be merged yet.',
  input: Type.Object({
    owner,
    repo,
    pull_number: pullNumber('Number of the pull request to merge.'),
    merge_method: Type.Optional(
      Type.Union([Type.Literal('merge'), Type.Literal('squash'), Type.Literal('rebase')], {
        description: 'How to merge; GitHub defaults to merge.',
      }),
    ),
    commit_title: Type.Optional(Type.String({ minLength: 1, description: 'Title of the merge or squash commit.' })),
    commit_message: Type.Optional(Type.String({ description: 'Extra detail for the merge or squash commit.' })),
    sha: Type.Optional(
      Type.String({
        pattern: '^[0-9a-f]{40}$',
        description: 'Merge only if the head is still at this commit (guards against a push in between).',
      }),
    ),
  }),
  output: Type.Object({
    merged: Type.Boolean({ description: 'True when GitHub merged it.' }),
    sha: Type.String({ description: 'The merge commit.' }),
    message: Type.String({ description: 'GitHub\'s confirmation, e.g. "Pull Request successfully merged".' }),
  }),
  examples: [
    {
      title: 'Squash-merge',
      input: { owner: 'octocat', repo: 'Hello-World', pull_number: 1347, merge_method: 'squash' },
      output: {
        merged: true,
        sha: '6dcb09b5b57875f334f61aebed695e2e4193db5e',
        message: 'Pull Request successfully merged',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.pulls.merge(input);
    return { merged: data.merged, sha: data.sha, message: data.message };
  },
});
