import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { pageSize } from '../paginate.js';
import { searchPages } from '../search.js';
import { exampleIssue } from '../shapes/examples.js';
import { Issue, issueFrom } from '../shapes/issue.js';

export const searchIssues = defineAction({
  auth,
  key: 'search.issues',
  title: 'Search issues and pull requests',
  description:
    'Finds issues and pull requests across GitHub with the search syntax of the web (repo:, is:, label:, author:, created:...).',
  input: Type.Object({
    q: Type.String({
      minLength: 1,
      description:
        'Search query with qualifiers; it must say is:issue or is:pull-request, e.g. "repo:octocat/Hello-World is:issue is:open label:bug".',
    }),
    sort: Type.Optional(
      Type.Union(
        [
          Type.Literal('comments'),
          Type.Literal('reactions'),
          Type.Literal('interactions'),
          Type.Literal('created'),
          Type.Literal('updated'),
        ],
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
    items: Type.Array(Issue, { description: 'Matching issues and pull requests (pull_request is set on those).' }),
  }),
  examples: [
    {
      input: { q: 'repo:octocat/Hello-World is:issue is:open label:bug', sort: 'created', order: 'desc', limit: 30 },
      output: { total_count: 1, incomplete_results: false, items: [exampleIssue] },
    },
  ],
  async run({ input, auth, ctx }) {
    const { limit, ...params } = input;
    const octokit = github(auth, ctx);
    const per_page = pageSize(limit);
    const result = await searchPages(
      (page) => octokit.rest.search.issuesAndPullRequests({ ...params, per_page, page }),
      limit,
    );
    return { ...result, items: result.items.map(issueFrom) };
  },
});
