import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDatabase } from '../client.js';
import { fromEjson, toEjson } from '../ejson.js';
import { collectionField, databaseField } from '../fields.js';

export const insertDocuments = defineAction({
  auth,
  key: 'documents.insertMany',
  title: 'Insert documents',
  description:
    'Inserts several documents in one call and returns their _ids in order. In ordered mode the first failure (e.g. a duplicate _id) stops the rest.',
  input: Type.Object({
    database: databaseField,
    collection: collectionField,
    documents: Type.Array(Type.Record(Type.String(), Type.Unknown()), {
      minItems: 1,
      maxItems: 1000,
      description: 'Documents in Extended JSON (1–1000)',
    }),
    ordered: Type.Boolean({
      default: true,
      description: 'Stop at the first failing document (default); false tries every document',
    }),
  }),
  output: Type.Object({
    insertedCount: Type.Integer({ minimum: 0 }),
    insertedIds: Type.Array(Type.Unknown(), { description: '_ids of the inserted documents, in input order' }),
  }),
  examples: [
    {
      input: { collection: 'events', documents: [{ type: 'signup' }, { type: 'login' }], ordered: true },
      output: {
        insertedCount: 2,
        insertedIds: [{ $oid: '665f1c2ae4b0a1b2c3d4e5f6' }, { $oid: '665f1c2ae4b0a1b2c3d4e5f7' }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const documents = input.documents.map((d, i) => fromEjson(d, `documents[${i}]`, ctx.actionKey));
    const result = await withDatabase(auth, ctx, input.database, (db) =>
      db.collection(input.collection).insertMany(documents, { ordered: input.ordered }),
    );
    const insertedIds = Object.keys(result.insertedIds)
      .map(Number)
      .sort((a, b) => a - b)
      .map((index) => toEjson(result.insertedIds[index]));
    return { insertedCount: result.insertedCount, insertedIds };
  },
});
