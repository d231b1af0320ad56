import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { answeredWith } from '../errors.js';
import { documentField, documentOf, idField, indexField, routingField } from '../schemas.js';

export const getDocument = defineAction({
  auth,
  key: 'documents.get',
  title: 'Get a document',
  description:
    'Reads a document by id (get API), right after it was written: gets are real-time, unlike searches. A missing document gives found: false; a missing index fails as not found.',
  input: Type.Object({
    index: indexField(),
    id: idField(),
    sourceIncludes: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Return only these fields of the document (wildcards allowed)',
      }),
    ),
    sourceExcludes: Type.Optional(Type.Array(Type.String({ minLength: 1 }), { description: 'Leave these fields out' })),
    routing: routingField,
  }),
  output: Type.Object({
    found: Type.Boolean({ description: 'Whether the document exists' }),
    index: Type.String({ description: 'The index' }),
    id: Type.String({ description: 'The document id' }),
    version: Type.Union([Type.Integer(), Type.Null()], { description: 'Its version, or null when not found' }),
    seqNo: Type.Union([Type.Integer(), Type.Null()], { description: 'Its sequence number, or null when not found' }),
    primaryTerm: Type.Union([Type.Integer(), Type.Null()], { description: 'Its primary term, or null when not found' }),
    document: Type.Union([documentField(), Type.Null()], {
      description: 'The document (_source), or null when not found',
    }),
  }),
  examples: [
    {
      input: { index: 'orders', id: 'ord-1001' },
      output: {
        found: true,
        index: 'orders',
        id: 'ord-1001',
        version: 1,
        seqNo: 0,
        primaryTerm: 1,
        document: { customer: 'Ada', total: 42.5, status: 'paid' },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const missing = {
      found: false,
      index: input.index,
      id: input.id,
      version: null,
      seqNo: null,
      primaryTerm: null,
      document: null,
    };
    try {
      const response = await withElasticsearch(auth, ctx, (client, options) =>
        client.get(
          {
            index: input.index,
            id: input.id,
            _source_includes: input.sourceIncludes,
            _source_excludes: input.sourceExcludes,
            routing: input.routing,
          },
          options,
        ),
      );
      if (!response.found) return missing;
      return {
        found: true,
        index: response._index,
        id: response._id,
        version: response._version ?? null,
        seqNo: response._seq_no ?? null,
        primaryTerm: response._primary_term ?? null,
        document: documentOf(response._source),
      };
    } catch (error) {
      // A missing document answers 404 with found: false; a missing index answers 404 with an error.
      if (isMissingDocument(error)) return missing;
      throw error;
    }
  },
});

function isMissingDocument(error: unknown): boolean {
  return answeredWith(error, 404, (body) => body.found === false);
}
