import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDatabase } from '../client.js';
import { fromEjson, toEjson } from '../ejson.js';
import { collectionField, databaseField, EjsonDocument } from '../fields.js';

export const updateDocuments = defineAction({
  auth,
  key: 'documents.updateMany',
  title: 'Update documents',
  description:
    'Applies update operators ($set, $inc, $push, …) or an update pipeline to every document matching the filter; with `upsert`, inserts one when none matches.',
  input: Type.Object({
    database: databaseField,
    collection: collectionField,
    filter: EjsonDocument('Which documents to update, in Extended JSON; {} updates all'),
    update: Type.Union(
      [
        Type.Record(Type.String(), Type.Unknown(), { minProperties: 1 }),
        Type.Array(Type.Record(Type.String(), Type.Unknown()), { minItems: 1 }),
      ],
      {
        description:
          'Update operators, e.g. {"$set": {"status": "shipped"}, "$inc": {"version": 1}}, or an update pipeline (array of stages)',
      },
    ),
    upsert: Type.Boolean({
      default: false,
      description: 'Insert a document built from the filter and update when none matches',
    }),
  }),
  output: Type.Object({
    matchedCount: Type.Integer({ minimum: 0 }),
    modifiedCount: Type.Integer({ minimum: 0, description: 'Matched documents that actually changed' }),
    upsertedCount: Type.Integer({ minimum: 0 }),
    upsertedId: Type.Unknown({ description: '_id of the inserted document (relaxed Extended JSON), or null' }),
  }),
  examples: [
    {
      input: {
        collection: 'orders',
        filter: { status: 'paid', shippedAt: { $exists: false } },
        update: { $set: { status: 'shipped', shippedAt: { $date: '2024-06-01T12:00:00Z' } } },
        upsert: false,
      },
      output: { matchedCount: 3, modifiedCount: 3, upsertedCount: 0, upsertedId: null },
    },
  ],
  async run({ input, auth, ctx }) {
    const filter = fromEjson(input.filter, 'filter', ctx.actionKey);
    const update = Array.isArray(input.update)
      ? input.update.map((stage, i) => fromEjson(stage, `update[${i}]`, ctx.actionKey))
      : fromEjson(input.update, 'update', ctx.actionKey);
    const result = await withDatabase(auth, ctx, input.database, (db) =>
      db.collection(input.collection).updateMany(filter, update, { upsert: input.upsert }),
    );
    return {
      matchedCount: result.matchedCount,
      modifiedCount: result.modifiedCount,
      upsertedCount: result.upsertedCount,
      upsertedId: result.upsertedId === null ? null : toEjson(result.upsertedId),
    };
  },
});
