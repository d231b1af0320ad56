import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { github } from '../client.js';
import { issueNumber, Nullable, owner, repo } from '../shapes/common.js';
import { exampleIssue } from '../shapes/examples.js';
import { Issue, issueFrom } from '../shapes/issue.js';

export const updateIssue = defineAction({
  auth,
  key: 'issues.update',
  title: 'Update an issue',
  description:
    'Changes an issue: title, body, open or closed (with a reason), labels, assignees or milestone. Fields left out stay as they are.',
  input: Type.Object({
    owner,
    repo,
    issue_number: issueNumber(),
    title: Type.Optional(Type.String({ minLength: 1, description: 'New title.' })),
    body: Type.Optional(Type.String({ description: 'New text, in Markdown; replaces the old text.' })),
    state: Type.Optional(
      Type.Union([Type.Literal('open'), Type.Literal('closed')], { description: 'Close or reopen the issue.' }),
    ),
    state_reason: Type.Optional(
      Type.Union([Type.Literal('completed'), Type.Literal('not_planned'), Type.Literal('reopened')], {
        description: 'Why it was closed or reopened; goes with state.',
      }),
    ),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Replaces all labels; an empty list removes them. Use issues.addLabels to add without replacing.',
      }),
    ),
    assignees: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Replaces all assignees; an empty list removes them.' }),
    ),
    milestone: Type.Optional(
      Nullable(Type.Integer({ minimum: 1 }), { description: 'Milestone number, or null to remove the milestone.' }),
    ),
  }),
  output: Issue,
  examples: [
    {
      title: 'Close as not planned',
      input: {
        owner: 'octocat',
        repo: 'Hello-World',
        issue_number: 1347,
        state: 'closed',
        state_reason: 'not_planned',
      },
      output: {
        ...exampleIssue,
        state: 'closed',
        state_reason: 'not_planned',
        closed_at: '2011-04-23T10:00:00Z',
        updated_at: '2011-04-23T10:00:00Z',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await github(auth, ctx).rest.issues.update(input);
    return issueFrom(data);
  },
});
