import { Issues } from '@gitbeaker/rest';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGitlab } from '../client.js';
import { iidField, issueSchema, projectField, toIssue } from '../schemas.js';

const labelList = (description: string) => Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description }));

export const updateIssue = defineAction({
  auth,
  key: 'issues.update',
  title: 'Update an issue',
  description:
    'Changes an issue: title, description, labels (replace, add or remove), assignees, milestone, due date, or closes and reopens it. Fields left out stay as they are.',
  input: Type.Object({
    project: projectField,
    issueIid: iidField('Issue'),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'New title' })),
    description: Type.Optional(Type.String({ description: 'New description (Markdown)' })),
    labels: labelList('Replace all labels with these (an empty list removes them all)'),
    addLabels: labelList('Labels to add'),
    removeLabels: labelList('Labels to remove'),
    assigneeIds: Type.Optional(
      Type.Array(Type.Integer({ minimum: 0 }), {
        description: 'Replace the assignees with these user IDs ([] unassigns)',
      }),
    ),
    milestoneId: Type.Optional(Type.Integer({ minimum: 0, description: 'Milestone ID; 0 removes the milestone' })),
    dueDate: Type.Optional(
      Type.String({ pattern: '^(\\d{4}-\\d{2}-\\d{2})?$', description: 'Due date YYYY-MM-DD; empty clears it' }),
    ),
    stateEvent: Type.Optional(
      Type.Union([Type.Literal('close'), Type.Literal('reopen')], { description: 'close or reopen the issue' }),
    ),
    confidential: Type.Optional(Type.Boolean({ description: 'Make it confidential or not' })),
  }),
  output: issueSchema,
  examples: [
    {
      title: 'Close an issue and mark it fixed',
      input: { project: 'acme/api', issueIid: 1, stateEvent: 'close', addLabels: ['fixed'] },
    },
  ],
  async run({ input, auth, ctx }) {
    const issue = await withGitlab(auth, ctx, Issues, (issues) =>
      issues.edit(input.project, input.issueIid, {
        title: input.title,
        description: input.description,
        labels: input.labels?.join(','),
        addLabels: input.addLabels?.join(','),
        removeLabels: input.removeLabels?.join(','),
        assigneeIds: input.assigneeIds,
        milestoneId: input.milestoneId,
        dueDate: input.dueDate,
        stateEvent: input.stateEvent,
        confidential: input.confidential,
      }),
    );
    return toIssue(issue);
  },
});
