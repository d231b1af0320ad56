import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';
import { exampleRepository } from '../shapes/examples.js';
import { Repository, repositoryFrom } from '../shapes/repository.js';

export const getRepository = defineAction({
  auth,
  key: 'repos.get',
  title: 'Get a repository',
  description: 'Reads a repository: default branch, visibility, topics, stars, forks and open issue count.',
  input: Type.Object({ owner, repo }),
  output: Repository,
  examples: [{ input: { owner: 'octocat', repo: 'Hello-World' }, output: exampleRepository }],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.repos.get(input);
    return repositoryFrom(data);
  },
});
