import { defineAction, Type } from '@mova/sdk';
import type { Document } from 'mongodb';
import { auth } from '../auth.js';
import { withDatabase } from '../client.js';
import { documentToEjson, fromEjson } from '../ejson.js';
import { collectionField, databaseField } from '../fields.js';

const MAX_AGGREGATE_RESULTS = 10_000;

export const aggregateDocuments = defineAction({
  auth,
  key: 'documents.aggregate',
  title: 'Run an aggregation',
  description:
    'Runs an aggregation pipeline ($match, $group, $sort, $lookup, …) on a collection and returns up to `maxResults` documents in relaxed Extended JSON.',
  input: Type.Object({
    database: databaseField,
    collection: collectionField,
    pipeline: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      maxItems: 100,
      description:
        'Pipeline stages in Extended JSON, e.g. [{"$match": {"status": "paid"}}, {"$group": {"_id": "$customer", "total": {"$sum": "$total"}}}]',
    }),
    maxResults: Type.Integer({
      minimum: 1,
      maximum: MAX_AGGREGATE_RESULTS,
      default: 1000,
      description: `Stop after this many result documents (1–${MAX_AGGREGATE_RESULTS}, default 1000)`,
    }),
    allowDiskUse: Type.Boolean({ default: false, description: 'Let large $sort/$group stages spill to disk' }),
  }),
  output: Type.Object({
    documents: Type.Array(Type.Record(Type.String(), Type.Unknown()), { description: 'Result documents' }),
    count: Type.Integer({ minimum: 0 }),
    truncated: Type.Boolean({ description: 'True when the pipeline had more results than `maxResults`' }),
  }),
  examples: [
    {
      input: {
        collection: 'orders',
        pipeline: [
          { $match: { status: 'paid' } },
          { $group: { _id: '$customer', total: { $sum: '$total' } } },
          { $sort: { total: -1 } },
        ],
        maxResults: 1000,
        allowDiskUse: false,
      },
      output: {
        documents: [
          { _id: 'acme', total: 1250 },
          { _id: 'globex', total: 980.5 },
        ],
        count: 2,
        truncated: false,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const pipeline = input.pipeline.map((stage, i) => fromEjson(stage, `pipeline[${i}]`, ctx.actionKey));
    const { maxResults } = input;
    const { documents, truncated } = await withDatabase(auth, ctx, input.database, async (db) => {
      const cursor = db
        .collection(input.collection)
        .aggregate(pipeline, { allowDiskUse: input.allowDiskUse, batchSize: Math.min(maxResults + 1, 1000) });
      const results: Document[] = [];
      try {
        // Read one past the cap to know whether the pipeline had more, then stop the cursor.
        for await (const document of cursor) {
          if (results.length === maxResults) return { documents: results, truncated: true };
          results.push(document);
        }
        return { documents: results, truncated: false };
      } finally {
        await cursor.close();
      }
    });
    return { documents: documents.map(documentToEjson), count: documents.length, truncated };
  },
});
