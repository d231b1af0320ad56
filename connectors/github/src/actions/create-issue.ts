import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { owner, repo } from '../shapes/common.js';
import { exampleIssue } from '../shapes/examples.js';
import { Issue, issueFrom } from '../shapes/issue.js';

export const createIssue = defineAction({
  auth,
  key: 'issues.create',
  title: 'Create an issue',
  description: 'Opens an issue in a repository, optionally with labels, assignees and a milestone.',
  input: Type.Object({
    owner,
    repo,
    title: Type.String({ minLength: 1, description: 'Title of the issue.' }),
    body: Type.Optional(Type.String({ description: 'Text of the issue, in Markdown.' })),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Label names to add; labels that do not exist yet are created.',
      }),
    ),
    assignees: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Logins of people to assign; each needs push access to the repository.',
      }),
    ),
    milestone: Type.Optional(Type.Integer({ minimum: 1, description: 'Number of the milestone to put it in.' })),
  }),
  output: Issue,
  examples: [
    {
      title: 'Report a bug',
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        title: 'Found a bug',
        body: "I'm having a problem with this.",
        labels: ['bug'],
        assignees: ['octocat'],
        milestone: 1,
      },
      output: exampleIssue,
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.issues.create(input);
    return issueFrom(data);
  },
});
