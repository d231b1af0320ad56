import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { search, searchFields, searchOutput } from '../search.js';
import { exampleRepository } from '../shapes/examples.js';
import { Repository, repositoryFrom } from '../shapes/repository.js';

export const searchRepositories = defineAction({
  auth,
  key: 'search.repositories',
  title: 'Search repositories',
  description: 'Finds repositories with the search syntax of the web (org:, topic:, language:, stars:, pushed:...).',
  input: Type.Object({
    q: Type.String({
      minLength: 1,
      description: 'Search query with qualifiers, e.g. "org:octo-org topic:api language:go archived:false".',
    }),
    sort: Type.Optional(
      Type.Union(
        [Type.Literal('stars'), Type.Literal('forks'), Type.Literal('help-wanted-issues'), Type.Literal('updated')],
        { description: 'What to sort by; GitHub defaults to best match.' },
      ),
    ),
    ...searchFields,
  }),
  output: searchOutput(Type.Array(Repository, { description: 'Matching repositories.' })),
  examples: [
    {
      input: { q: 'user:octocat hello in:name', sort: 'stars', order: 'desc', limit: 10 },
      output: { total_count: 1, incomplete_results: false, items: [exampleRepository] },
    },
  ],
  async run({ input, auth, ctx }) {
    const octokit = github(auth, ctx);
    const result = await search(input, (params) => octokit.rest.search.repos(params));
    return { ...result, items: result.items.map(repositoryFrom) };
  },
});
