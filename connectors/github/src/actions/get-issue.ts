import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { issueNumber, owner, repo } from '../shapes/common.js';
import { exampleIssue } from '../shapes/examples.js';
import { Issue, issueFrom } from '../shapes/issue.js';

export const getIssue = defineAction({
  auth,
  key: 'issues.get',
  title: 'Get an issue',
  description: 'Reads one issue by its number. A pull request number works too: the result then has pull_request set.',
  input: Type.Object({ owner, repo, issue_number: issueNumber() }),
  output: Issue,
  examples: [{ input: { owner: 'octocat', repo: 'Hello-World', issue_number: 1347 }, output: exampleIssue }],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.issues.get(input);
    return issueFrom(data);
  },
});
