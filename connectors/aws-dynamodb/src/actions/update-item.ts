import { UpdateCommand } from '@aws-sdk/lib-dynamodb';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';
import { invalidInput } from '../errors.js';
import { itemJson } from '../json.js';
import {
  conditionField,
  expressionParts,
  itemField,
  keyField,
  namesField,
  nullableItem,
  tableField,
  valuesField,
} from '../schemas.js';
import { updateExpressionFor } from '../update-expression.js';

export const updateItem = defineAction({
  auth,
  key: 'items.update',
  title: 'Update an item',
  description:
    'Changes attributes of one item (UpdateItem): set and remove attributes by name, or give an update expression (SET, REMOVE, ADD, DELETE) for counters and list appends. Creates the item when the key is new unless onlyIfExists is set; a condition expression can require a state. Returns the item as updated.',
  input: Type.Object({
    table: tableField(),
    key: keyField(),
    set: Type.Optional(
      itemField(
        'Attributes to set to these values (top-level names, reserved words allowed), e.g. { "status": "shipped" }',
      ),
    ),
    remove: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Attributes to remove, by top-level name' }),
    ),
    updateExpression: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Instead of set and remove: an update expression, e.g. SET #views = #views + :one or SET tags = list_append(tags, :new)',
      }),
    ),
    conditionExpression: conditionField(),
    expressionAttributeNames: namesField(),
    expressionAttributeValues: valuesField(),
    onlyIfExists: Type.Boolean({
      default: false,
      description: 'Fail with not_found instead of creating the item when no item has this key (default false)',
    }),
    returnValues: Type.Union(
      [Type.Literal('ALL_NEW'), Type.Literal('UPDATED_NEW'), Type.Literal('ALL_OLD'), Type.Literal('UPDATED_OLD')],
      {
        default: 'ALL_NEW',
        description: 'Which attributes to return: ALL_NEW (default), UPDATED_NEW, ALL_OLD or UPDATED_OLD',
      },
    ),
  }),
  output: Type.Object({
    item: nullableItem(
      'The attributes returnValues asked for (null when there were none, e.g. ALL_OLD for a new item)',
    ),
  }),
  examples: [
    {
      title: 'Mark an order shipped, only if it is paid',
      input: {
        table: 'orders',
        key: { customerId: 'c-17', orderId: 1001 },
        set: { status: 'shipped', carrier: 'DHL' },
        conditionExpression: '#status = :paid',
        expressionAttributeNames: { '#status': 'status' },
        expressionAttributeValues: { ':paid': 'paid' },
        returnValues: 'UPDATED_NEW',
      },
      output: { item: { status: 'shipped', carrier: 'DHL' } },
    },
  ],
  async run({ input, auth, ctx }) {
    const changes = input.set !== undefined || input.remove !== undefined;
    if (changes === (input.updateExpression !== undefined)) {
      throw invalidInput(
        'give either set/remove or updateExpression',
        ctx.actionKey,
        'Use set and remove for plain changes, updateExpression for ADD, DELETE, arithmetic or list_append.',
      );
    }
    const generated = changes ? updateExpressionFor(input.set, input.remove) : undefined;
    if (generated && !generated.UpdateExpression) {
      throw invalidInput('set and remove are both empty: nothing to update', ctx.actionKey);
    }
    const names = { ...input.expressionAttributeNames, ...generated?.ExpressionAttributeNames };
    const conditions = [input.conditionExpression && `(${input.conditionExpression})`];
    if (input.onlyIfExists) {
      names['#exists0'] = Object.keys(input.key)[0] ?? '';
      conditions.push('attribute_exists(#exists0)');
    }
    const condition = conditions.filter(Boolean).join(' AND ');
    const answer = await withDynamoDb(auth, ctx, ({ documents }, options) =>
      documents.send(
        new UpdateCommand({
          TableName: input.table,
          Key: input.key,
          UpdateExpression: generated?.UpdateExpression ?? input.updateExpression,
          ...(condition ? { ConditionExpression: condition } : {}),
          ...expressionParts(names, { ...input.expressionAttributeValues, ...generated?.ExpressionAttributeValues }),
          ReturnValues: input.returnValues,
        }),
        options,
      ),
    ).catch((error: unknown) => {
      // With onlyIfExists and no condition of the step's own, a failed check can only mean a missing item.
      if (input.onlyIfExists && !input.conditionExpression && isConditionFailure(error)) {
        throw dynamoNotFound(ctx.actionKey, error);
      }
      throw error;
    });
    return { item: itemJson(answer.Attributes) };
  },
});

function isConditionFailure(error: unknown): boolean {
  return (
    error instanceof Error && error.cause instanceof Error && error.cause.name === 'ConditionalCheckFailedException'
  );
}

function dynamoNotFound(actionKey: string, cause: unknown) {
  return new ConnectorError(
    'Amazon DynamoDB: no item has this key (onlyIfExists)',
    { kind: 'not_found', status: 400, actionKey, cause },
    'Check the key, or leave onlyIfExists off to create the item.',
  );
}
