import { QueryCommand } from '@aws-sdk/lib-dynamodb';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';
import { limitField, pageOutput, readPages, startKeyField } from '../pages.js';
import { expressionParts, namesField, projectionField, projectionOf, tableField, valuesField } from '../schemas.js';

export const queryItems = defineAction({
  auth,
  key: 'items.query',
  title: 'Query items',
  description:
    'Reads the items of one partition key (Query), in sort key order, from the table or a secondary index: a key condition on the partition key and optionally the sort key (=, <, between, begins_with), a filter on other attributes, and paging by lastEvaluatedKey.',
  input: Type.Object({
    table: tableField(),
    indexName: Type.Optional(
      Type.String({ minLength: 3, description: 'A global or local secondary index to query instead of the table' }),
    ),
    keyConditionExpression: Type.String({
      minLength: 1,
      description:
        'Which items: the partition key equal to a value, and optionally a sort key condition, e.g. customerId = :c AND orderId > :since',
    }),
    filterExpression: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Keeps only matching items, after they are read (they still cost capacity), e.g. #status = :open',
      }),
    ),
    expressionAttributeNames: namesField(),
    expressionAttributeValues: valuesField(),
    attributes: projectionField(),
    scanIndexForward: Type.Boolean({
      default: true,
      description: 'Ascending sort key order (default); false for newest first',
    }),
    consistentRead: Type.Boolean({
      default: false,
      description: 'Strongly consistent read (not on global secondary indexes); default false',
    }),
    limit: limitField(),
    exclusiveStartKey: startKeyField(),
  }),
  output: pageOutput,
  examples: [
    {
      title: "A customer's orders, newest first",
      input: {
        table: 'orders',
        keyConditionExpression: 'customerId = :c',
        expressionAttributeValues: { ':c': 'c-17' },
        scanIndexForward: false,
        limit: 50,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const projection = projectionOf(input.attributes);
    return withDynamoDb(auth, ctx, ({ documents }, options) =>
      readPages(input.limit, input.exclusiveStartKey, async (page) =>
        documents.send(
          new QueryCommand({
            TableName: input.table,
            IndexName: input.indexName,
            KeyConditionExpression: input.keyConditionExpression,
            FilterExpression: input.filterExpression,
            ProjectionExpression: projection.ProjectionExpression,
            ...expressionParts(
              { ...input.expressionAttributeNames, ...projection.ExpressionAttributeNames },
              input.expressionAttributeValues,
            ),
            ScanIndexForward: input.scanIndexForward,
            ConsistentRead: input.consistentRead,
            ...page,
          }),
          options,
        ),
      ),
    );
  },
});
