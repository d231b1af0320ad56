import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { browseUrl, withJira } from '../client.js';
import { issueFields } from '../fields.js';

export const createIssue = defineAction({
  auth,
  key: 'issues.create',
  title: 'Create an issue',
  description:
    'Creates an issue (bug, task, story, sub-task …) in a Jira project with a summary, a plain-text description, assignee, priority, labels and any other fields by id (custom fields as customfield_NNNNN). Fields the project’s create screen requires must be given.',
  input: Type.Object({
    projectKey: Type.String({ minLength: 1, description: 'Key of the project, e.g. PROJ' }),
    issueType: Type.String({
      minLength: 1,
      description: 'Issue type name as the project shows it, e.g. Bug, Task, Story',
    }),
    summary: Type.String({ minLength: 1, maxLength: 255, description: 'Summary (title) of the issue' }),
    description: Type.Optional(
      Type.String({
        description: 'Description as plain text (blank lines start paragraphs; wiki markup on Data Center)',
      }),
    ),
    assigneeId: Type.Optional(
      Type.String({ minLength: 1, description: 'Assignee: accountId on Cloud, username on Data Center' }),
    ),
    priority: Type.Optional(Type.String({ minLength: 1, description: 'Priority name, e.g. High' })),
    labels: Type.Optional(
      Type.Array(Type.String({ minLength: 1, pattern: '^\\S+$' }), { description: 'Labels (no spaces)' }),
    ),
    dueDate: Type.Optional(Type.String({ format: 'date', description: 'Due date, YYYY-MM-DD' })),
    parentKey: Type.Optional(
      Type.String({ minLength: 1, description: 'Parent issue key, for a sub-task (or an epic’s child on Cloud)' }),
    ),
    fields: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'More fields by id, as Jira’s REST API takes them, e.g. { "customfield_10010": 5, "components": [{ "name": "API" }] }',
      }),
    ),
  }),
  output: Type.Object({
    id: Type.String({ description: 'Numeric id of the new issue' }),
    key: Type.String({ description: 'Key of the new issue, e.g. PROJ-124' }),
    url: Type.String({ description: 'The issue in the Jira web UI' }),
  }),
  examples: [
    {
      title: 'File a bug',
      input: {
        projectKey: 'PROJ',
        issueType: 'Bug',
        summary: 'Checkout fails for saved cards',
        description: 'Steps:\n1. Pay with a saved card\n\nThe page shows error 500.',
        priority: 'High',
        labels: ['checkout'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const fields = {
        ...issueFields(jira, input),
        project: { key: input.projectKey },
        issuetype: { name: input.issueType },
        summary: input.summary,
        ...(input.parentKey ? { parent: { key: input.parentKey } } : {}),
      };
      const created =
        jira.deployment === 'cloud'
          ? await jira.v3.issues.createIssue({ fields })
          : await jira.v2.issues.createIssue({ fields });
      return { id: String(created.id), key: created.key, url: browseUrl(jira, created.key) };
    });
  },
});
