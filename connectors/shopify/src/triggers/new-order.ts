import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql } from '../client.js';
import { ORDER_FIELDS, type OrderNode, order, toOrder } from '../orders.js';
import { collect, type Page } from '../shapes.js';

const PAGE_SIZE = 10;
/** Where the first poll starts: it only records what it finds. */
const FIRST_LOOKBACK_MS = 3_600_000;

const QUERY = `query NewOrders($first: Int!, $after: String, $query: String, $lineItems: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT) {
    nodes { ...OrderFields }
    pageInfo { hasNextPage endCursor }
  }
}
${ORDER_FIELDS}`;

/** Orders created after the newest one seen (`created_at:>…`), oldest first, deduplicated by createdAt. */
export const newOrder = defineTrigger({
  kind: 'polling',
  key: 'orders.new',
  title: 'New order',
  description:
    'Starts a workflow when an order is placed in the Shopify shop (optionally only orders a search query matches).',
  auth,
  input: Type.Object({
    query: Type.Optional(
      Type.String({ minLength: 1, description: 'Only orders matching this search, e.g. financial_status:paid.' }),
    ),
    maxPerPoll: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 250,
      description: 'Most new orders read per poll.',
    }),
  }),
  output: order,
  dedupe: { by: 'timestamp', field: 'createdAt' },
  examples: [
    { title: 'Every new order', input: {} },
    { title: 'New paid orders', input: { query: 'financial_status:paid' } },
  ],
  async poll({ input, auth, ctx, since }) {
    const after = since ?? new Date(Date.now() - FIRST_LOOKBACK_MS).toISOString();
    const query = `created_at:>'${after}'${input.query ? ` AND (${input.query})` : ''}`;
    const { nodes } = await collect(input.maxPerPoll, undefined, PAGE_SIZE, async (first, cursor) => {
      const data = await adminGraphql<{ orders: Page<OrderNode> }>(auth, ctx, QUERY, {
        first,
        after: cursor,
        query,
        lineItems: 20,
      });
      return data.orders;
    });
    return nodes.map(toOrder);
  },
});
