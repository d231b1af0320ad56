import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDatabase } from '../client.js';
import { documentToEjson, fromEjson } from '../ejson.js';
import { collectionField, databaseField, EjsonDocument } from '../fields.js';

const MAX_FIND_LIMIT = 1000;

export const findDocuments = defineAction({
  auth,
  key: 'documents.find',
  title: 'Find documents',
  description:
    'Finds documents matching a filter, with projection, sort, skip and limit. Filters take Extended JSON ({"$oid": …}, {"$date": …}); documents come back as relaxed Extended JSON.',
  input: Type.Object({
    database: databaseField,
    collection: collectionField,
    filter: EjsonDocument(
      'Query filter in Extended JSON, e.g. {"status": "paid", "total": {"$gt": 100}}; {} matches all',
    ),
    projection: Type.Optional(EjsonDocument('Fields to include (1) or exclude (0), e.g. {"name": 1, "_id": 0}')),
    sort: Type.Optional(
      Type.Record(Type.String(), Type.Union([Type.Literal(1), Type.Literal(-1)]), {
        description: 'Sort order: field → 1 (ascending) or -1 (descending), applied in key order',
      }),
    ),
    skip: Type.Integer({ minimum: 0, default: 0, description: 'Documents to skip first (for paging)' }),
    limit: Type.Integer({
      minimum: 1,
      maximum: MAX_FIND_LIMIT,
      default: 100,
      description: `Most documents to return (1–${MAX_FIND_LIMIT}, default 100)`,
    }),
  }),
  output: Type.Object({
    documents: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      description: 'Matching documents in relaxed Extended JSON',
    }),
    count: Type.Integer({ minimum: 0, description: 'Number of documents returned' }),
    more: Type.Boolean({ description: 'True when more documents match beyond `limit` (page on with `skip`)' }),
  }),
  examples: [
    {
      input: {
        collection: 'orders',
        filter: { status: 'paid', createdAt: { $gte: { $date: '2024-01-01T00:00:00Z' } } },
        projection: { total: 1, createdAt: 1 },
        sort: { createdAt: -1 },
        skip: 0,
        limit: 2,
      },
      output: {
        documents: [
          { _id: { $oid: '65a1f0c2e4b0a1b2c3d4e5f6' }, total: 120.5, createdAt: { $date: '2024-03-02T10:00:00Z' } },
          { _id: { $oid: '65a1f0c2e4b0a1b2c3d4e5f7' }, total: 80, createdAt: { $date: '2024-02-11T08:30:00Z' } },
        ],
        count: 2,
        more: true,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const filter = fromEjson(input.filter, 'filter', ctx.actionKey);
    const projection = input.projection && fromEjson(input.projection, 'projection', ctx.actionKey);
    const found = await withDatabase(auth, ctx, input.database, (db) =>
      db
        .collection(input.collection)
        .find(filter, {
          projection,
          sort: input.sort,
          skip: input.skip,
          // One extra document tells whether another page exists.
          limit: input.limit + 1,
        })
        .toArray(),
    );
    const documents = found.slice(0, input.limit).map(documentToEjson);
    return { documents, count: documents.length, more: found.length > input.limit };
  },
});
