import { Issues } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { issueSchema, projectField, toIssue } from '../schemas.js';

export const createIssue = defineAction({
  auth,
  key: 'issues.create',
  title: 'Create an issue',
  description: 'Opens a new issue in a project, with labels, assignees, a milestone and a due date if given.',
  input: Type.Object({
    project: projectField,
    title: Type.String({ minLength: 1, maxLength: 255, description: 'Issue title' }),
    description: Type.Optional(
      Type.String({ description: 'Issue description (Markdown, up to 1,048,576 characters)' }),
    ),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Label names; labels that do not exist yet are created',
      }),
    ),
    assigneeIds: Type.Optional(Type.Array(Type.Integer({ minimum: 1 }), { description: 'IDs of the users to assign' })),
    milestoneId: Type.Optional(Type.Integer({ minimum: 1, description: 'Global ID of a milestone to put it in' })),
    dueDate: Type.Optional(Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$', description: 'Due date, YYYY-MM-DD' })),
    confidential: Type.Optional(Type.Boolean({ description: 'Make it confidential (visible to Reporters and up)' })),
  }),
  output: issueSchema,
  examples: [
    {
      title: 'Report a bug with labels',
      input: {
        project: 'acme/api',
        title: 'Checkout fails for carts over 100 items',
        description: 'Seen in production since 14:02 UTC.',
        labels: ['bug', 'checkout'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const issue = await withGitlab(auth, ctx, Issues, (issues) =>
      issues.create(input.project, input.title, {
        description: input.description,
        labels: input.labels?.join(','),
        assigneeIds: input.assigneeIds,
        milestoneId: input.milestoneId,
        dueDate: input.dueDate,
        confidential: input.confidential,
      }),
    );
    return toIssue(issue);
  },
});
