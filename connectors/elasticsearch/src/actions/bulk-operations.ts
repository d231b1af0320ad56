import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { invalidInput } from '../errors.js';
import { documentField, idField, indexField, refreshField, refreshParam } from '../schemas.js';

const operation = Type.Object({
  action: Type.Union([Type.Literal('index'), Type.Literal('create'), Type.Literal('update'), Type.Literal('delete')], {
    description: 'index (add or replace), create (add only), update (merge fields) or delete',
  }),
  index: Type.Optional(indexField('Index of this item; the request-wide index when left out')),
  id: Type.Optional(
    idField('Document id; required for update and delete, generated for index and create when left out'),
  ),
  document: Type.Optional(documentField('The document, for index and create; the fields to merge, for update')),
  upsert: Type.Optional(
    Type.Boolean({ description: 'For update: create the document from document when it does not exist' }),
  ),
});

const itemResult = Type.Object({
  action: Type.String({ description: 'The operation of this item' }),
  index: Type.String({ description: 'Index of the item' }),
  id: Type.Union([Type.String(), Type.Null()], { description: 'Document id' }),
  status: Type.Integer({ description: 'HTTP status of this item, e.g. 201, 200, 404, 409' }),
  result: Type.Union([Type.String(), Type.Null()], {
    description: 'created, updated, deleted, noop or not_found; null on error',
  }),
  version: Type.Union([Type.Integer(), Type.Null()], { description: 'Document version after the item, or null' }),
  error: Type.Union(
    [
      Type.Object({
        type: Type.String({ description: 'Elasticsearch error type, e.g. version_conflict_engine_exception' }),
        reason: Type.String({ description: 'What went wrong' }),
      }),
      Type.Null(),
    ],
    { description: 'Why this item failed, or null when it succeeded' },
  ),
});

export const bulkOperations = defineAction({
  auth,
  key: 'bulk',
  title: 'Bulk index, update and delete',
  description:
    'Sends many index, create, update and delete operations in one request (bulk API) and reports each item: status, result, and the error of the items that failed. Failed items do not fail the step (set failOnItemErrors for that); the others are applied.',
  input: Type.Object({
    index: Type.Optional(indexField('Index for the items that name none')),
    operations: Type.Array(operation, { minItems: 1, maxItems: 10000, description: 'The operations, in order' }),
    refresh: refreshField,
    failOnItemErrors: Type.Boolean({
      default: false,
      description: 'Fail the step when any item fails (after the others were applied); default false',
    }),
  }),
  output: Type.Object({
    errors: Type.Boolean({ description: 'True when at least one item failed' }),
    succeeded: Type.Integer({ description: 'Number of items that succeeded' }),
    failed: Type.Integer({ description: 'Number of items that failed' }),
    items: Type.Array(itemResult, { description: 'One result per operation, in order' }),
    took: Type.Integer({ description: 'Milliseconds Elasticsearch spent' }),
  }),
  examples: [
    {
      title: 'Load two products and remove a third',
      input: {
        index: 'products',
        operations: [
          { action: 'index', id: 'sku-1', document: { name: 'Tea', price: 4.5 } },
          { action: 'index', id: 'sku-2', document: { name: 'Cake', price: 3 } },
          { action: 'delete', id: 'sku-0' },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const body: unknown[] = [];
    input.operations.forEach((op, i) => {
      const index = op.index ?? input.index;
      if (!index)
        throw invalidInput(
          `operation ${i} names no index`,
          ctx.actionKey,
          'Give index on the item or for the request.',
        );
      if ((op.action === 'update' || op.action === 'delete') && op.id === undefined) {
        throw invalidInput(`operation ${i} (${op.action}) needs an id`, ctx.actionKey);
      }
      if (op.action !== 'delete' && op.document === undefined) {
        throw invalidInput(`operation ${i} (${op.action}) needs a document`, ctx.actionKey);
      }
      body.push({ [op.action]: { _index: index, ...(op.id === undefined ? {} : { _id: op.id }) } });
      if (op.action === 'update') body.push({ doc: op.document, ...(op.upsert ? { doc_as_upsert: true } : {}) });
      else if (op.action !== 'delete') body.push(op.document);
    });
    const response = await withElasticsearch(auth, ctx, (client, options) =>
      client.bulk({ operations: body, refresh: refreshParam(input.refresh) }, options),
    );
    const items = response.items.map((entry, i) => {
      const [action = input.operations[i]?.action ?? 'index', item] = Object.entries(entry)[0] ?? [];
      return {
        action,
        index: item?._index ?? '',
        id: item?._id ?? null,
        status: item?.status ?? 0,
        result: item?.error ? null : (item?.result ?? null),
        version: item?._version ?? null,
        error: item?.error ? { type: item.error.type, reason: item.error.reason ?? '' } : null,
      };
    });
    const failed = items.filter((item) => item.error !== null).length;
    if (failed > 0 && input.failOnItemErrors) {
      const first = items.find((item) => item.error !== null);
      throw invalidInput(
        `${failed} of ${items.length} bulk items failed; the first: ${first?.error?.type}: ${first?.error?.reason}`,
        ctx.actionKey,
        'The other items were applied. Set failOnItemErrors to false to get every item result instead.',
      );
    }
    return { errors: failed > 0, succeeded: items.length - failed, failed, items, took: response.took };
  },
});
