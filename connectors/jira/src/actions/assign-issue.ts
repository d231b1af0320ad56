import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withJira } from '../client.js';
import { issueKeyInput } from '../issue.js';

export const assignIssue = defineAction({
  auth,
  key: 'issues.assign',
  title: 'Assign an issue',
  description:
    'Assigns an issue to a user, or unassigns it (assigneeId null). On Cloud users are named by accountId, on Data Center by username; "-1" assigns to the project’s default assignee.',
  input: Type.Object({
    issueKey: issueKeyInput,
    assigneeId: Type.Union([Type.String({ minLength: 1 }), Type.Null()], {
      description:
        'accountId (Cloud) or username (Data Center) of the new assignee; "-1" for the default; null to unassign',
    }),
  }),
  output: Type.Object({
    key: Type.String({ description: 'The issue that was assigned' }),
    assigneeId: Type.Union([Type.String(), Type.Null()], {
      description: 'Who it is assigned to now; null when unassigned',
    }),
  }),
  examples: [
    {
      title: 'Assign to a Cloud user',
      input: { issueKey: 'PROJ-1', assigneeId: '5b10ac8d82e05b22cc7d4ef5' },
      output: { key: 'PROJ-1', assigneeId: '5b10ac8d82e05b22cc7d4ef5' },
    },
    { title: 'Unassign', input: { issueKey: 'PROJ-1', assigneeId: null }, output: { key: 'PROJ-1', assigneeId: null } },
  ],
  async run({ input, auth, ctx }) {
    return withJira(auth, ctx, async (jira) => {
      const assignee = input.assigneeId;
      if (jira.deployment === 'cloud' && assignee !== null) {
        await jira.v3.issues.assignIssue({ issueIdOrKey: input.issueKey, accountId: assignee });
      } else {
        // Data Center names users by `name`, and unassigning sends the user as null: jira.js's typed
        // parameters (Cloud's accountId, a string) express neither, so the request is sent as the docs give it.
        const request = {
          url: `/rest/api/${jira.deployment === 'cloud' ? 3 : 2}/issue/${encodeURIComponent(input.issueKey)}/assignee`,
          method: 'PUT' as const,
          data: jira.deployment === 'cloud' ? { accountId: null } : { name: assignee },
        };
        if (jira.deployment === 'cloud') await jira.v3.sendRequestFullResponse(request);
        else await jira.v2.sendRequestFullResponse(request);
      }
      return { key: input.issueKey, assigneeId: input.assigneeId };
    });
  },
});
