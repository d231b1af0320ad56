import type { estypes } from '@elastic/elasticsearch';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withElasticsearch } from '../client.js';
import { documentField, documentOf, queryField } from '../schemas.js';

const sortValue = Type.Union([Type.String(), Type.Number(), Type.Boolean(), Type.Null()]);

export const searchDocuments = defineAction({
  auth,
  key: 'search',
  title: 'Search documents',
  description:
    'Finds documents with a query in the Elasticsearch query DSL (search API): full-text match, exact terms, ranges, bool combinations. Pages with from and size, or past 10 000 hits with sort and searchAfter (each answer gives the next searchAfter). Gives the total count, the hits with their scores, and aggregations when asked.',
  input: Type.Object({
    index: Type.Optional(
      Type.Union([Type.String({ minLength: 1 }), Type.Array(Type.String({ minLength: 1 }), { minItems: 1 })], {
        description: 'Index, alias or pattern to search (e.g. "logs-*"), or several; every index when left out',
      }),
    ),
    query: Type.Optional(queryField),
    size: Type.Integer({
      minimum: 0,
      maximum: 10000,
      default: 10,
      description: 'Hits to return (default 10, at most 10 000)',
    }),
    from: Type.Integer({
      minimum: 0,
      default: 0,
      description: 'Hits to skip, for paging (from + size at most 10 000)',
    }),
    sort: Type.Optional(
      Type.Array(Type.Union([Type.String({ minLength: 1 }), Type.Record(Type.String(), Type.Unknown())]), {
        description: 'Sort order, e.g. [{ "createdAt": "desc" }, "_score"]; by relevance when left out',
      }),
    ),
    searchAfter: Type.Optional(
      Type.Array(sortValue, {
        minItems: 1,
        description: 'The nextSearchAfter of the previous page, to continue after it (needs sort)',
      }),
    ),
    fields: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), {
        description: 'Return only these fields of each document (_source includes, wildcards allowed)',
      }),
    ),
    aggregations: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Aggregations by name, e.g. { "byStatus": { "terms": { "field": "status" } } }',
      }),
    ),
    trackTotalHits: Type.Boolean({
      default: true,
      description: 'Count every match exactly (default true); false counts up to 10 000 and is faster on big indices',
    }),
  }),
  output: Type.Object({
    total: Type.Integer({ description: 'Number of matching documents' }),
    totalRelation: Type.Union([Type.Literal('eq'), Type.Literal('gte')], {
      description: 'eq when total is exact, gte when it is a lower bound',
    }),
    maxScore: Type.Union([Type.Number(), Type.Null()], {
      description: 'Best relevance score, or null when sorted by a field',
    }),
    hits: Type.Array(
      Type.Object({
        index: Type.String({ description: 'Index of the document' }),
        id: Type.String({ description: 'Document id' }),
        score: Type.Union([Type.Number(), Type.Null()], {
          description: 'Relevance score, or null when sorted by a field',
        }),
        document: documentField('The document (_source)'),
        sort: Type.Optional(Type.Array(sortValue, { description: 'Its sort values, when sorted' })),
      }),
      { description: 'The hits of this page, best first or in sort order' },
    ),
    nextSearchAfter: Type.Union([Type.Array(sortValue), Type.Null()], {
      description: 'Sort values of the last hit, to pass as searchAfter for the next page; null without sort or hits',
    }),
    aggregations: Type.Union([Type.Record(Type.String(), Type.Unknown()), Type.Null()], {
      description: 'Aggregation results by name, or null when none were asked',
    }),
    took: Type.Integer({ description: 'Milliseconds Elasticsearch spent' }),
  }),
  examples: [
    {
      title: 'Paid orders of a customer, newest first',
      input: {
        index: 'orders',
        query: { bool: { must: [{ match: { customer: 'ada' } }], filter: [{ term: { status: 'paid' } }] } },
        sort: [{ createdAt: 'desc' }],
        size: 20,
      },
    },
    {
      title: 'Count orders by status',
      input: { index: 'orders', size: 0, aggregations: { byStatus: { terms: { field: 'status' } } } },
    },
  ],
  async run({ input, auth, ctx }) {
    const response = await withElasticsearch(auth, ctx, (client, options) =>
      client.search(
        {
          index: input.index,
          query: input.query,
          size: input.size,
          from: input.from,
          // The sort and aggregation DSL passes through as the JSON it is; Elasticsearch validates it.
          sort: input.sort as estypes.Sort | undefined,
          search_after: input.searchAfter,
          _source: input.fields,
          aggregations: input.aggregations as Record<string, estypes.AggregationsAggregationContainer> | undefined,
          track_total_hits: input.trackTotalHits,
        },
        options,
      ),
    );
    const total =
      typeof response.hits.total === 'number' ? { value: response.hits.total, relation: 'eq' } : response.hits.total;
    const hits = response.hits.hits.map((hit) => ({
      index: hit._index,
      id: hit._id ?? '',
      score: hit._score ?? null,
      document: documentOf(hit._source),
      ...(hit.sort ? { sort: hit.sort } : {}),
    }));
    const last = hits.at(-1);
    return {
      total: total?.value ?? hits.length,
      totalRelation: total?.relation === 'gte' ? ('gte' as const) : ('eq' as const),
      maxScore: response.hits.max_score ?? null,
      hits,
      nextSearchAfter: input.sort && last?.sort ? last.sort : null,
      aggregations: response.aggregations ?? null,
      took: response.took,
    };
  },
});
