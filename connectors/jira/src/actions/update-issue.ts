import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { browseUrl, withJira } from '../client.js';
import { issueFields } from '../fields.js';
import { issueKeyInput } from '../issue.js';

export const updateIssue = defineAction({
  auth,
  key: 'issues.update',
  title: 'Update an issue',
  description:
    'Edits an issue’s fields: summary, description, priority, labels, due date and any field by id. Only the fields given change. Status changes go through issues.transition, assignment through issues.assign.',
  input: Type.Object({
    issueKey: issueKeyInput,
    summary: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'New summary' })),
    description: Type.Optional(Type.String({ description: 'New description as plain text (replaces the old one)' })),
    priority: Type.Optional(Type.String({ minLength: 1, description: 'New priority name, e.g. Low' })),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1, pattern: '^\\S+$' }), { description: 'Labels (replaces all labels)' }),
    ),
    addLabels: Type.Optional(
      Type.Array(Type.String({ minLength: 1, pattern: '^\\S+$' }), {
        description: 'Labels to add, keeping the others',
      }),
    ),
    dueDate: Type.Optional(Type.String({ format: 'date', description: 'New due date, YYYY-MM-DD' })),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'More fields to set by id, e.g. { "customfield_10010": 8 }',
      }),
    ),
    notifyUsers: Type.Boolean({
      default: true,
      description: 'Email watchers about the change (false needs the Administer Jira permission)',
    }),
  }),
  output: Type.Object({
    key: Type.String({ description: 'The issue that was updated' }),
    url: Type.String({ description: 'The issue in the Jira web UI' }),
    updatedFields: Type.Array(Type.String(), { description: 'Ids of the fields sent' }),
  }),
  examples: [
    {
      title: 'Raise priority and add a label',
      input: { issueKey: 'PROJ-1', priority: 'Highest', addLabels: ['escalated'] },
    },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const fields = issueFields(jira, input);
      const update = input.addLabels ? { labels: input.addLabels.map((label) => ({ add: label })) } : undefined;
      const params = { issueIdOrKey: input.issueKey, fields, update, notifyUsers: input.notifyUsers };
      if (jira.deployment === 'cloud') await jira.v3.issues.editIssue(params);
      else await jira.v2.issues.editIssue(params);
      return {
        key: input.issueKey,
        url: browseUrl(jira, input.issueKey),
        updatedFields: [...new Set([...Object.keys(fields), ...Object.keys(update ?? {})])],
      };
    });
  },
});
