import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { collect, pageSize } from '../paginate.js';
import { direction, limit, owner, repo } from '../shapes/common.js';
import { examplePullSummary } from '../shapes/examples.js';
import { PullSummary, pullSummaryFrom } from '../shapes/pull.js';

export const listPulls = defineAction({
  auth,
  key: 'pulls.list',
  title: 'List pull requests',
  description: 'Lists the pull requests of a repository, filtered by state, head branch or base branch.',
  input: Type.Object({
    owner,
    repo,
    state: Type.Union([Type.Literal('open'), Type.Literal('closed'), Type.Literal('all')], {
      default: 'open',
      description: 'Which pull requests to list by state; merged ones count as closed.',
    }),
    head: Type.Optional(
      Type.String({ minLength: 1, description: 'Only those from this branch, as "user:branch" or "org:branch".' }),
    ),
    base: Type.Optional(Type.String({ minLength: 1, description: 'Only those targeting this branch, e.g. "main".' })),
    sort: Type.Optional(
      Type.Union(
        [Type.Literal('created'), Type.Literal('updated'), Type.Literal('popularity'), Type.Literal('long-running')],
        { description: 'What to sort by; GitHub defaults to created.' },
      ),
    ),
    direction,
    limit: limit('pull requests'),
  }),
  output: Type.Object({
    pulls: Type.Array(PullSummary, { description: 'Matching pull requests, in the order GitHub sorted them.' }),
  }),
  examples: [
    {
      title: 'Open pull requests into master',
      input: { owner: 'octocat', repo: 'Hello-World', state: 'open', base: 'master', limit: 30 },
      output: { pulls: [examplePullSummary] },
    },
  ],
  async run({ input, auth, ctx }) {
    const { limit, ...filters } = input;
    const octokit = github(auth, ctx);
    const pages = octokit.paginate.iterator(octokit.rest.pulls.list, { ...filters, per_page: pageSize(limit) });
    const pulls = await collect(pages, limit);
    return { pulls: pulls.map(pullSummaryFrom) };
  },
});
