import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { pageSize } from '../paginate.js';
import { searchPages } from '../search.js';
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
    order: Type.Optional(
      Type.Union([Type.Literal('asc'), Type.Literal('desc')], { description: 'Sort order when sort is set.' }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 30,
      description: 'Most results to return (1-1000; GitHub serves no more than 1000 per search).',
    }),
  }),
  output: Type.Object({
    total_count: Type.Integer({ description: 'How many matched in all, beyond those returned.' }),
    incomplete_results: Type.Boolean({ description: 'True when GitHub stopped the search early (timeout).' }),
    items: Type.Array(Repository, { description: 'Matching repositories.' }),
  }),
  examples: [
    {
      input: { q: 'user:octocat hello in:name', sort: 'stars', order: 'desc', limit: 10 },
      output: { total_count: 1, incomplete_results: false, items: [exampleRepository] },
    },
  ],
  async run({ input, auth, ctx }) {
    const { limit, ...params } = input;
    const octokit = github(auth, ctx);
    const per_page = pageSize(limit);
    const result = await searchPages((page) => octokit.rest.search.repos({ ...params, per_page, page }), limit);
    return { ...result, items: result.items.map(repositoryFrom) };
  },
});
