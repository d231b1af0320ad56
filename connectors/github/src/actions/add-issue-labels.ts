import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { issueNumber, owner, repo } from '../shapes/common.js';
import { bugLabel } from '../shapes/examples.js';
import { Label, labelsFrom } from '../shapes/label.js';

export const addIssueLabels = defineAction({
  auth,
  key: 'issues.addLabels',
  title: 'Add labels to an issue or pull request',
  description: 'Adds labels, keeping the ones already there; returns every label the issue now has.',
  input: Type.Object({
    owner,
    repo,
    issue_number: issueNumber('Number of the issue or pull request to label.'),
    labels: Type.Array(Type.String({ minLength: 1 }), {
      minItems: 1,
      description: 'Label names to add; labels that do not exist yet are created.',
    }),
  }),
  output: Type.Object({ labels: Type.Array(Label, { description: 'All labels of the issue after the change.' }) }),
  examples: [
    {
      input: { owner: 'octocat', repo: 'Hello-World', issue_number: 1347, labels: ['bug', 'enhancement'] },
      output: {
        labels: [bugLabel, { name: 'enhancement', color: 'a2eeef', description: 'New feature or request' }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.issues.addLabels(input);
    return { labels: labelsFrom(data) };
  },
});
