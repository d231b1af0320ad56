import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withAnthropic } from '../client.js';

export const listModels = defineAction({
  auth,
  key: 'models.list',
  title: 'List models',
  description: 'Lists the Claude models the key can use, newest first, one page at a time (afterId paging).',
  input: Type.Object({
    limit: Type.Integer({ minimum: 1, maximum: 1000, default: 20, description: 'Models per page (default 20)' }),
    afterId: Type.Optional(
      Type.String({ minLength: 1, description: 'The lastId of the previous page, to read the next one' }),
    ),
  }),
  output: Type.Object({
    models: Type.Array(
      Type.Object({
        id: Type.String({ description: 'Model id, e.g. claude-sonnet-4-5-20250929' }),
        displayName: Type.String({ description: 'Name for people, e.g. Claude Sonnet 4.5' }),
        createdAt: Type.String({ description: 'When it was released (ISO 8601)' }),
      }),
      { description: 'Models on this page' },
    ),
    hasMore: Type.Boolean({ description: 'Whether more models follow' }),
    lastId: Type.Union([Type.String(), Type.Null()], { description: 'Pass as afterId for the next page' }),
  }),
  examples: [{ input: { limit: 20 } }],
  async run({ input, auth, ctx }) {
    const page = await withAnthropic(auth, ctx, (anthropic) =>
      anthropic.models.list({ limit: input.limit, ...(input.afterId ? { after_id: input.afterId } : {}) }),
    );
    return {
      models: page.data.map((model) => ({
        id: model.id,
        displayName: model.display_name,
        createdAt: model.created_at,
      })),
      hasMore: page.has_more,
      lastId: page.last_id,
    };
  },
});
