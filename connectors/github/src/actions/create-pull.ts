import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';
import { examplePull } from '../shapes/examples.js';
import { Pull, pullFrom } from '../shapes/pull.js';

export const createPull = defineAction({
  auth,
  key: 'pulls.create',
  title: 'Create a pull request',
  description: 'Opens a pull request to merge one branch into another.',
  input: Type.Object({
    owner,
    repo,
    title: Type.String({ minLength: 1, description: 'Title of the pull request.' }),
    head: Type.String({
      minLength: 1,
      description: 'Branch with the changes: "branch" in this repository, or "user:branch" from a fork.',
    }),
    base: Type.String({ minLength: 1, description: 'Branch to merge into, e.g. "main".' }),
    body: Type.Optional(Type.String({ description: 'Description, in Markdown.' })),
    draft: Type.Optional(Type.Boolean({ description: 'Open it as a draft.' })),
    maintainer_can_modify: Type.Optional(
      Type.Boolean({ description: 'Let maintainers of the base repository push to the head branch.' }),
    ),
  }),
  output: Pull,
  examples: [
    {
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        title: 'Amazing new feature',
        body: 'Please pull these awesome changes in!',
        head: 'octocat:new-topic',
        base: 'master',
      },
      output: examplePull,
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.pulls.create(input);
    return pullFrom(data);
  },
});
