import { ScanCommand } from '@aws-sdk/lib-dynamodb';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDynamoDb } from '../client.js';
import { limitField, pageOutput, readPages, startKeyField } from '../pages.js';
import { expressionParts, namesField, projectionField, projectionOf, tableField, valuesField } from '../schemas.js';

export const scanItems = defineAction({
  auth,
  key: 'items.scan',
  title: 'Scan items',
  description:
    'Reads every item of a table or index (Scan), in no particular order, optionally keeping only those a filter expression matches; pages by lastEvaluatedKey. Reads (and pays for) the whole table: prefer Query where a key narrows it.',
  input: Type.Object({
    table: tableField(),
    indexName: Type.Optional(
      Type.String({ minLength: 3, description: 'A secondary index to scan instead of the table' }),
    ),
    filterExpression: Type.Optional(
      Type.String({
        minLength: 1,
        description:
          'Keeps only matching items, after they are read, e.g. #status = :open AND #total > :min (reserved words such as status and total need #names)',
      }),
    ),
    expressionAttributeNames: namesField(),
    expressionAttributeValues: valuesField(),
    attributes: projectionField(),
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
      title: 'Open orders over 100',
      input: {
        table: 'orders',
        filterExpression: '#status = :open AND #total > :min',
        expressionAttributeNames: { '#status': 'status', '#total': 'total' },
        expressionAttributeValues: { ':open': 'open', ':min': 100 },
        limit: 500,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const projection = projectionOf(input.attributes);
    return withDynamoDb(auth, ctx, ({ documents }, options) =>
      readPages(input.limit, input.exclusiveStartKey, async (page) =>
        documents.send(
          new ScanCommand({
            TableName: input.table,
            IndexName: input.indexName,
            FilterExpression: input.filterExpression,
            ProjectionExpression: projection.ProjectionExpression,
            ...expressionParts(
              { ...input.expressionAttributeNames, ...projection.ExpressionAttributeNames },
              input.expressionAttributeValues,
            ),
            ConsistentRead: input.consistentRead,
            ...page,
          }),
          options,
        ),
      ),
    );
  },
});
