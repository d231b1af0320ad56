import { GetCommand } from '@aws-sdk/lib-dynamodb';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';
import { itemJson } from '../json.js';
import { keyField, nullableItem, projectionField, projectionOf, tableField } from '../schemas.js';

export const getItem = defineAction({
  auth,
  key: 'items.get',
  title: 'Get an item',
  description:
    'Reads one item by its primary key (GetItem), eventually consistent unless consistentRead is set; found is false when no item has that key.',
  input: Type.Object({
    table: tableField(),
    key: keyField(),
    consistentRead: Type.Boolean({
      default: false,
      description: 'Read the latest write (strongly consistent, twice the read capacity); default false',
    }),
    attributes: projectionField(),
  }),
  output: Type.Object({
    found: Type.Boolean({ description: 'Whether an item has this key' }),
    item: nullableItem('The item, or null when none has this key'),
  }),
  examples: [
    {
      title: 'An order by customer and order number',
      input: { table: 'orders', key: { customerId: 'c-17', orderId: 1001 } },
      output: {
        found: true,
        item: { customerId: 'c-17', orderId: 1001, status: 'paid', total: 42.5, items: ['sku-1', 'sku-2'] },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const answer = await withDynamoDb(auth, ctx, ({ documents }, options) =>
      documents.send(
        new GetCommand({
          TableName: input.table,
          Key: input.key,
          ConsistentRead: input.consistentRead,
          ...projectionOf(input.attributes),
        }),
        options,
      ),
    );
    return { found: answer.Item !== undefined, item: itemJson(answer.Item) };
  },
});
