import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { queryField } from '../schemas.js';

export const countDocuments = defineAction({
  auth,
  key: 'count',
  title: 'Count documents',
  description: 'Counts the documents that match a query (count API), exactly and without returning them.',
  input: Type.Object({
    index: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
        description: 'Index, alias or pattern, or several; every index when left out',
      }),
    ),
    query: Type.Optional(queryField),
  }),
  output: Type.Object({ count: Type.Integer({ description: 'Number of matching documents' }) }),
  examples: [{ title: 'Unpaid orders', input: { index: 'orders', query: { term: { status: 'unpaid' } } } }],
  async run({ input, auth, ctx }) {
    const response = await withElasticsearch(auth, ctx, (client, options) =>
      client.count({ index: input.index, query: input.query }, options),
    );
    return { count: response.count };
  },
});
