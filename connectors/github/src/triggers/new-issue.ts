import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';
import { exampleIssue } from '../shapes/examples.js';
import { Issue, issueFrom } from '../shapes/issue.js';

/** The newest issues of one page: enough between polls for all but the busiest repositories. */
const PER_POLL = 50;

export const newIssue = defineTrigger({
  auth,
  kind: 'polling',
  key: 'issues.new',
  title: 'New issue',
  description:
    'Fires once for each issue opened in a repository (pull requests excluded). The first poll only records the issues that exist.',
  input: Type.Object({
    owner,
    repo,
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Only issues that carry all of these labels (when they were seen).',
      }),
    ),
  }),
  output: Issue,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ input: { owner: 'octocat', repo: 'Hello-World', labels: ['bug'] }, output: exampleIssue }],
  async poll({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.issues.listForRepo({
      owner: input.owner,
      repo: input.repo,
      labels: input.labels?.join(','),
      state: 'all',
      sort: 'created',
      direction: 'desc',
      per_page: PER_POLL,
    });
    return data.filter((issue) => !issue.pull_request).map(issueFrom);
  },
});
