import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { indexField } from '../schemas.js';

export const createIndex = defineAction({
  auth,
  key: 'indices.create',
  title: 'Create an index',
  description:
    'Creates an index with field mappings and settings (create index API), e.g. to make a field a keyword for exact filters and aggregations before documents arrive. Fails with a conflict if the index exists.',
  input: Type.Object({
    index: indexField(),
    mappings: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description:
          'Mappings, e.g. { "properties": { "status": { "type": "keyword" }, "createdAt": { "type": "date" } } }',
      }),
    ),
    settings: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), { description: 'Index settings, e.g. { "number_of_replicas": 1 }' }),
    ),
  }),
  output: Type.Object({
    index: Type.String({ description: 'The index created' }),
    acknowledged: Type.Boolean({ description: 'The cluster accepted the index' }),
    shardsAcknowledged: Type.Boolean({ description: 'Its shards started before the timeout' }),
  }),
  examples: [
    {
      input: {
        index: 'orders',
        mappings: { properties: { status: { type: 'keyword' }, createdAt: { type: 'date' } } },
      },
      output: { index: 'orders', acknowledged: true, shardsAcknowledged: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const response = await withElasticsearch(auth, ctx, (client, options) =>
      client.indices.create({ index: input.index, mappings: input.mappings, settings: input.settings }, options),
    );
    return {
      index: response.index,
      acknowledged: response.acknowledged,
      shardsAcknowledged: response.shards_acknowledged,
    };
  },
});
