import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSentry } from '../client.js';
import { issueIdField, issueSchema, toIssue } from '../schemas.js';

export const getIssue = defineAction({
  auth,
  key: 'issues.get',
  title: 'Get an issue',
  description: 'Reads one issue: title, status, level, counts, first and last seen, assignee and link.',
  input: Type.Object({ issueId: issueIdField }),
  output: issueSchema,
  examples: [{ input: { issueId: '4021' } }],
  async run({ input, auth, ctx }) {
    const { data } = await withSentry(auth, ctx, (http) => http.get(`/issues/${input.issueId}/`));
    return toIssue(data);
  },
});
