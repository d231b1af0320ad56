import { DeleteCommand } from '@aws-sdk/lib-dynamodb';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';
import { itemJson } from '../json.js';
import {
  conditionField,
  expressionParts,
  keyField,
  namesField,
  nullableItem,
  tableField,
  valuesField,
} from '../schemas.js';

export const deleteItem = defineAction({
  auth,
  key: 'items.delete',
  title: 'Delete an item',
  description:
    'Deletes one item by its primary key (DeleteItem), optionally only when a condition expression holds; says whether an item was there and returns it.',
  input: Type.Object({
    table: tableField(),
    key: keyField(),
    conditionExpression: conditionField(),
    expressionAttributeNames: namesField(),
    expressionAttributeValues: valuesField(),
  }),
  output: Type.Object({
    deleted: Type.Boolean({ description: 'Whether an item had this key (false: nothing to delete)' }),
    oldItem: nullableItem('The deleted item, or null'),
  }),
  examples: [
    {
      title: 'Delete an order',
      input: { table: 'orders', key: { customerId: 'c-17', orderId: 1001 } },
      output: {
        deleted: true,
        oldItem: {
          customerId: 'c-17',
          orderId: 1001,
          status: 'shipped',
          total: 42.5,
          items: ['sku-1', 'sku-2'],
          carrier: 'DHL',
        },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const answer = await withDynamoDb(auth, ctx, ({ documents }, options) =>
      documents.send(
        new DeleteCommand({
          TableName: input.table,
          Key: input.key,
          ConditionExpression: input.conditionExpression,
          ...expressionParts(input.expressionAttributeNames, input.expressionAttributeValues),
          ReturnValues: 'ALL_OLD',
        }),
        options,
      ),
    );
    return { deleted: answer.Attributes !== undefined, oldItem: itemJson(answer.Attributes) };
  },
});
