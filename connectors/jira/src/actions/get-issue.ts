import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withJira } from '../client.js';
import { fieldsInput, issueKeyInput, issueSchema, toIssue } from '../issue.js';

export const getIssue = defineAction({
  auth,
  key: 'issues.get',
  title: 'Get an issue',
  description:
    'Reads one issue by key or id: summary, description as text, status, type, priority, labels, assignee, reporter, dates, and every field Jira returns (custom fields included).',
  input: Type.Object({ issueKey: issueKeyInput, fields: fieldsInput }),
  output: issueSchema,
  examples: [
    { title: 'Read an issue', input: { issueKey: 'PROJ-1' } },
    { title: 'Only status and assignee', input: { issueKey: 'PROJ-1', fields: ['status', 'assignee', 'summary'] } },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const params = { issueIdOrKey: input.issueKey, fields: input.fields };
      const raw =
        jira.deployment === 'cloud' ? await jira.v3.issues.getIssue(params) : await jira.v2.issues.getIssue(params);
      return toIssue(jira, raw);
    });
  },
});
