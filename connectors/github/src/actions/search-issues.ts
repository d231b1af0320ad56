import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { search, searchFields, searchOutput } from '../search.js';
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
    ...searchFields,
  }),
  output: searchOutput(
    Type.Array(Issue, { description: 'Matching issues and pull requests (pull_request is set on those).' }),
  ),
  examples: [
    {
      input: { q: 'repo:octocat/Hello-World is:issue is:open label:bug', sort: 'created', order: 'desc', limit: 30 },
      output: { total_count: 1, incomplete_results: false, items: [exampleIssue] },
    },
  ],
  async run({ input, auth, ctx }) {
    const octokit = github(auth, ctx);
    const result = await search(input, (params) => octokit.rest.search.issuesAndPullRequests(params));
    return { ...result, items: result.items.map(issueFrom) };
  },
});
