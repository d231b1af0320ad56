import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { documentField, documentOf, indexField, queryField } from '../schemas.js';

export const newDocuments = defineTrigger({
  auth,
  kind: 'polling',
  key: 'documents.new',
  title: 'New documents',
  description:
    'Starts a workflow for each new document in an index (or matching a query), found by a timestamp field: each poll reads the newest documents by that field and emits those not emitted before (by id). A document must be searchable (refreshed, about 1 s after it is written) to be seen.',
  input: Type.Object({
    index: indexField(),
    timestampField: Type.String({
      minLength: 1,
      default: '@timestamp',
      description: 'Date field that says when a document was added, e.g. @timestamp (default) or createdAt',
    }),
    query: Type.Optional(queryField),
    size: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Newest documents read per poll (default 100); more new ones than this between two polls are missed',
    }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'Document id' }),
    index: Type.String({ description: 'Index of the document' }),
    timestamp: Type.Union([Type.String(), Type.Number(), Type.Null()], { description: 'Value of the timestamp field' }),
    document: documentField('The document (_source)'),
  }),
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'New error log entries', input: { index: 'logs-app', query: { term: { level: 'error' } } } }],
  async poll({ input, auth, ctx }) {
    const response = await withElasticsearch(auth, ctx, (client, options) =>
      client.search(
        {
          index: input.index,
          query: input.query ?? { match_all: {} },
          sort: [{ [input.timestampField]: { order: 'desc' } }],
          size: input.size,
          track_total_hits: false,
        },
        options,
      ),
    );
    // Oldest first, so the workflow runs in the order documents arrived.
    return response.hits.hits
      .map((hit) => {
        const document = documentOf(hit._source);
        const value = readPath(document, input.timestampField);
        return {
          id: hit._id ?? '',
          index: hit._index,
          timestamp: typeof value === 'string' || typeof value === 'number' ? value : null,
          document,
        };
      })
      .reverse();
  },
});

function readPath(document: Record<string, unknown>, path: string): unknown {
  if (path in document) return document[path];
  let value: unknown = document;
  for (const part of path.split('.')) {
    value =
      typeof value === 'object' && value !== null
        ? Object.entries(value).find(([key]) => key === part)?.[1]
        : undefined;
  }
  return value;
}
