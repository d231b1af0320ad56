import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { collect, pageSize } from '../paginate.js';
import { direction, limit, owner, repo } from '../shapes/common.js';
import { exampleIssue } from '../shapes/examples.js';
import { Issue, issueFrom } from '../shapes/issue.js';

export const listIssues = defineAction({
  auth,
  key: 'issues.list',
  title: 'List issues',
  description:
    'Lists the issues of a repository, newest first unless sorted otherwise, filtered by state, labels, assignee or creator.',
  input: Type.Object({
    owner,
    repo,
    state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], {
      default: 'open',
      description: 'Which issues to list by state.',
    }),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Only issues that carry all of these labels.' }),
    ),
    assignee: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Only issues assigned to this login; "none" for unassigned, "*" for any.',
      }),
    ),
    creator: Type.Optional(Type.String({ minLength: 1, description: 'Only issues opened by this login.' })),
    since: Type.Optional(
      Type.String({ format: 'date-time', description: 'Only issues updated at or after this time (ISO 8601).' }),
    ),
    sort: Type.Optional(
      Type.Union([Type.Literal('created'), Type.Literal('updated'), Type.Literal('comments')], {
        description: 'What to sort by; GitHub defaults to created.',
      }),
    ),
    direction,
    include_pull_requests: Type.Boolean({
      default: false,
      description: "GitHub's issue list also holds pull requests; set true to keep them.",
    }),
    limit: limit('issues'),
  }),
  output: Type.Object({
    issues: Type.Array(Issue, { description: 'Matching issues, in the order GitHub sorted them.' }),
  }),
  examples: [
    {
      title: 'Open bugs',
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        state: 'open',
        labels: ['bug'],
        include_pull_requests: false,
        limit: 30,
      },
      output: { issues: [exampleIssue] },
    },
  ],
  async run({ input, auth, ctx }) {
    const { limit, labels, include_pull_requests, ...filters } = input;
    const octokit = github(auth, ctx);
    const pages = octokit.paginate.iterator(octokit.rest.issues.listForRepo, {
      ...filters,
      labels: labels?.join(','),
      per_page: pageSize(limit),
    });
    const issues = await collect(pages, limit, (issue) => include_pull_requests || !issue.pull_request);
    return { issues: issues.map(issueFrom) };
  },
});
