import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDatabase } from '../client.js';
import { fromEjson, toEjson } from '../ejson.js';
import { collectionField, databaseField, EjsonDocument } from '../fields.js';

export const insertDocument = defineAction({
  auth,
  key: 'documents.insertOne',
  title: 'Insert a document',
  description:
    'Inserts one document (Extended JSON accepted) and returns its _id. An _id that already exists fails with a conflict.',
  input: Type.Object({
    database: databaseField,
    collection: collectionField,
    document: EjsonDocument('The document, e.g. {"name": "Ada", "joined": {"$date": "2024-05-01T00:00:00Z"}}'),
  }),
  output: Type.Object({
    insertedId: Type.Unknown({ description: 'The document’s _id in relaxed Extended JSON, e.g. {"$oid": "…"}' }),
  }),
  examples: [
    {
      input: { collection: 'users', document: { name: 'Ada', joined: { $date: '2024-05-01T00:00:00Z' } } },
      output: { insertedId: { $oid: '665f1c2ae4b0a1b2c3d4e5f6' } },
    },
  ],
  async run({ input, auth, ctx }) {
    const document = fromEjson(input.document, 'document', ctx.actionKey);
    const result = await withDatabase(auth, ctx, input.database, (db) =>
      db.collection(input.collection).insertOne(document),
    );
    return { insertedId: toEjson(result.insertedId) };
  },
});
