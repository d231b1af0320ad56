import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, pullNumber, repo } from '../shapes/common.js';
import { examplePull } from '../shapes/examples.js';
import { Pull, pullFrom } from '../shapes/pull.js';

export const getPull = defineAction({
  auth,
  key: 'pulls.get',
  title: 'Get a pull request',
  description: 'Reads one pull request with its merge state (merged, mergeable) and size (commits, changed lines).',
  input: Type.Object({ owner, repo, pull_number: pullNumber() }),
  output: Pull,
  examples: [{ input: { owner: 'octocat', repo: 'Hello-World', pull_number: 1347 }, output: examplePull }],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.pulls.get(input);
    return pullFrom(data);
  },
});
