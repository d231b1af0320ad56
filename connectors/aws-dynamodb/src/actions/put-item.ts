import { PutCommand } from '@aws-sdk/lib-dynamodb';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';
import { itemJson } from '../json.js';
import {
  conditionField,
  expressionParts,
  itemField,
  namesField,
  nullableItem,
  tableField,
  valuesField,
} from '../schemas.js';

export const putItem = defineAction({
  auth,
  key: 'items.put',
  title: 'Put an item',
  description:
    'Creates an item, or replaces the whole item with the same primary key (PutItem); a condition expression can refuse to overwrite (attribute_not_exists) or require a state. Returns the item it replaced.',
  input: Type.Object({
    table: tableField(),
    item: itemField('The whole item, primary key attributes included; nested objects become maps, arrays lists'),
    conditionExpression: conditionField(),
    expressionAttributeNames: namesField(),
    expressionAttributeValues: valuesField(),
  }),
  output: Type.Object({
    replaced: Type.Boolean({ description: 'Whether an item with this key existed and was replaced' }),
    oldItem: nullableItem('The item that was replaced, or null when the key was new'),
  }),
  examples: [
    {
      title: 'Create an order, never overwrite one',
      input: {
        table: 'orders',
        item: { customerId: 'c-17', orderId: 1001, status: 'paid', total: 42.5, items: ['sku-1', 'sku-2'] },
        conditionExpression: 'attribute_not_exists(orderId)',
      },
      output: { replaced: false, oldItem: null },
    },
  ],
  async run({ input, auth, ctx }) {
    const answer = await withDynamoDb(auth, ctx, ({ documents }, options) =>
      documents.send(
        new PutCommand({
          TableName: input.table,
          Item: input.item,
          ConditionExpression: input.conditionExpression,
          ...expressionParts(input.expressionAttributeNames, input.expressionAttributeValues),
          ReturnValues: 'ALL_OLD',
        }),
        options,
      ),
    );
    return { replaced: answer.Attributes !== undefined, oldItem: itemJson(answer.Attributes) };
  },
});
