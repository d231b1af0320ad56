import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';
import { issueOf, issueSchema } from '../issues.js';

export const getIssue = defineAction({
  auth,
  key: 'issues.get',
  title: 'Get an issue',
  description: 'Reads an issue by its id or its identifier (e.g. ENG-123).',
  input: Type.Object({ id: Type.String({ minLength: 1, description: 'Issue id or identifier, e.g. ENG-123' }) }),
  output: issueSchema,
  examples: [{ input: { id: 'ENG-123' } }],
  async run({ input, auth, ctx }) {
    return issueOf(await withLinear(auth, ctx, (linear) => linear.issue(input.id)));
  },
});
