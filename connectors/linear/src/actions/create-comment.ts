import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withLinear } from '../client.js';

export const createComment = defineAction({
  auth,
  key: 'comments.create',
  title: 'Comment on an issue',
  description: 'Adds a comment (Markdown) to an issue, or a reply in a comment’s thread.',
  input: Type.Object({
    issueId: Type.String({ minLength: 1, description: 'Issue id or identifier, e.g. ENG-123' }),
    body: Type.String({ minLength: 1, description: 'Comment in Markdown' }),
    parentId: Type.Optional(Type.String({ minLength: 1, description: 'Comment id to reply to' })),
  }),
  output: Type.Object({
    id: Type.String({ description: 'Comment id' }),
    body: Type.String({ description: 'Comment in Markdown' }),
    url: Type.String({ description: 'Link to the comment in Linear' }),
    issueId: Type.Union([Type.String(), Type.Null()], { description: 'Issue id' }),
    createdAt: Type.String({ description: 'When it was posted (ISO 8601)' }),
  }),
  examples: [{ input: { issueId: 'ENG-123', body: 'Deployed the fix to staging.' } }],
  async run({ input, auth, ctx }) {
    const comment = await withLinear(auth, ctx, async (linear) => {
      const payload = await linear.createComment(input);
      const created = payload.success ? await payload.comment : undefined;
      if (!created)
        throw new ConnectorError('Linear did not create the comment', { kind: 'unknown', actionKey: ctx.actionKey });
      return created;
    });
    return {
      id: comment.id,
      body: comment.body,
      url: comment.url,
      issueId: comment.issueId ?? null,
      createdAt: comment.createdAt.toISOString(),
    };
  },
});
