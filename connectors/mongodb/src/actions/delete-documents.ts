import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withDatabase } from '../client.js';
import { fromEjson } from '../ejson.js';
import { collectionField, databaseField, EjsonDocument } from '../fields.js';

export const deleteDocuments = defineAction({
  auth,
  key: 'documents.deleteMany',
  title: 'Delete documents',
  description:
    'Deletes every document matching the filter. An empty filter would delete the whole collection, so it is refused unless `allDocuments` is true.',
  input: Type.Object({
    database: databaseField,
    collection: collectionField,
    filter: EjsonDocument('Which documents to delete, in Extended JSON, e.g. {"expiresAt": {"$lt": {"$date": "…"}}}'),
    allDocuments: Type.Boolean({
      default: false,
      description: 'Confirm that an empty filter really means every document in the collection',
    }),
  }),
  output: Type.Object({
    deletedCount: Type.Integer({ minimum: 0 }),
  }),
  examples: [
    {
      input: {
        collection: 'sessions',
        filter: { expiresAt: { $lt: { $date: '2024-06-01T00:00:00Z' } } },
        allDocuments: false,
      },
      output: { deletedCount: 42 },
    },
  ],
  async run({ input, auth, ctx }) {
    const filter = fromEjson(input.filter, 'filter', ctx.actionKey);
    if (Object.keys(filter).length === 0 && !input.allDocuments) {
      throw new ConnectorError(
        'refusing to delete with an empty filter: it would remove every document in the collection',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        'Give a filter, or set `allDocuments: true` to really empty the collection.',
      );
    }
    const result = await withDatabase(auth, ctx, input.database, (db) =>
      db.collection(input.collection).deleteMany(filter),
    );
    return { deletedCount: result.deletedCount };
  },
});
