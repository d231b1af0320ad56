import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { answeredWith } from '../errors.js';
import { idField, indexField, refreshField, refreshParam, routingField, seqNoFields } from '../schemas.js';

export const deleteDocument = defineAction({
  auth,
  key: 'documents.delete',
  title: 'Delete a document',
  description:
    'Removes a document by id (delete API). Deleting a document that does not exist is not an error: it gives deleted: false. A missing index fails as not found.',
  input: Type.Object({
    index: indexField(),
    id: idField(),
    refresh: refreshField,
    routing: routingField,
    ...seqNoFields,
  }),
  output: Type.Object({
    deleted: Type.Boolean({ description: 'True when a document was deleted, false when there was none' }),
    index: Type.String({ description: 'The index' }),
    id: Type.String({ description: 'The document id' }),
    version: Type.Union([Type.Integer(), Type.Null()], { description: 'Version recorded for the deletion, or null' }),
  }),
  examples: [
    {
      input: { index: 'orders', id: 'ord-1001' },
      output: { deleted: true, index: 'orders', id: 'ord-1001', version: 3 },
    },
  ],
  async run({ input, auth, ctx }) {
    try {
      const response = await withElasticsearch(auth, ctx, (client, options) =>
        client.delete(
          {
            index: input.index,
            id: input.id,
            refresh: refreshParam(input.refresh),
            routing: input.routing,
            if_seq_no: input.ifSeqNo,
            if_primary_term: input.ifPrimaryTerm,
          },
          options,
        ),
      );
      return {
        deleted: response.result === 'deleted',
        index: response._index,
        id: response._id,
        version: response._version ?? null,
      };
    } catch (error) {
      // 404 with result not_found: there was no such document. A missing index has an error body instead.
      if (answeredWith(error, 404, (body) => body.result === 'not_found')) {
        return { deleted: false, index: input.index, id: input.id, version: null };
      }
      throw error;
    }
  },
});
