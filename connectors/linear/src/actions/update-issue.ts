import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';
import { issueFields, issueOf, issueSchema } from '../issues.js';

export const updateIssue = defineAction({
  auth,
  key: 'issues.update',
  title: 'Update an issue',
  description:
    'Changes an issue’s title, description, priority, assignee, state (e.g. move to Done), project, labels, estimate or due date; fields left out keep their values.',
  input: Type.Object({
    id: Type.String({ minLength: 1, description: 'Issue id or identifier, e.g. ENG-123' }),
    title: Type.Optional(Type.String({ minLength: 1, description: 'New title' })),
    ...issueFields,
  }),
  output: issueSchema,
  examples: [{ input: { id: 'ENG-123', stateId: 'f1b4a0e2-6c1d-4b1e-9a8f-3e2d1c0b9a87', priority: 1 } }],
  async run({ input, auth, ctx }) {
    const { id, ...changes } = input;
    if (Object.keys(changes).length === 0) {
      throw new ConnectorError('give at least one field to change', {
        kind: 'invalid_input',
        actionKey: ctx.actionKey,
      });
    }
    const issue = await withLinear(auth, ctx, async (linear) => {
      const payload = await linear.updateIssue(id, changes);
      const updated = payload.success ? await payload.issue : undefined;
      if (!updated)
        throw new ConnectorError('Linear did not update the issue', { kind: 'unknown', actionKey: ctx.actionKey });
      return updated;
    });
    return issueOf(issue);
  },
});
