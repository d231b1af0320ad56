import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';
import { issueFields, issueOf, issueSchema } from '../issues.js';

export const createIssue = defineAction({
  auth,
  key: 'issues.create',
  title: 'Create an issue',
  description:
    'Creates an issue in a team, with its description, priority, assignee, state, project, labels, estimate and due date.',
  input: Type.Object({
    teamId: Type.String({ minLength: 1, description: 'Team id (from teams.list)' }),
    title: Type.String({ minLength: 1, description: 'Title' }),
    ...issueFields,
  }),
  output: issueSchema,
  examples: [
    {
      input: {
        teamId: '9cfb482a-81e3-4154-b5b9-2c805e70a02d',
        title: 'Checkout fails on Safari',
        description: 'Steps to reproduce: …',
        priority: 2,
        labelIds: ['a2f2b1c4-5d6e-4f70-8a9b-0c1d2e3f4a5b'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const issue = await withLinear(auth, ctx, async (linear) => {
      const payload = await linear.createIssue(input);
      const created = payload.success ? await payload.issue : undefined;
      if (!created)
        throw new ConnectorError('Linear did not create the issue', { kind: 'unknown', actionKey: ctx.actionKey });
      return created;
    });
    return issueOf(issue);
  },
});
