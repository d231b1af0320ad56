import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql } from '../client.js';
import { ORDER_FIELDS, type OrderNode, order, toOrder } from '../orders.js';
import { collect, listInput, type Page, pageInfo } from '../shapes.js';

/** A page of 10 orders with 20 line items each costs about 900 points, under the 1000-point single-query limit. */
const PAGE_SIZE = 10;

const QUERY = `query ListOrders($first: Int!, $after: String, $query: String, $reverse: Boolean, $lineItems: Int!) {
  orders(first: $first, after: $after, query: $query, sortKey: CREATED_AT, reverse: $reverse) {
    nodes { ...OrderFields }
    pageInfo { hasNextPage endCursor }
  }
}
${ORDER_FIELDS}`;

/** Admin GraphQL `orders`, following `pageInfo.endCursor`. */
export const listOrders = defineAction({
  key: 'orders.list',
  title: 'List orders',
  description:
    'Lists Shopify orders, newest first unless oldestFirst, filtered with Shopify’s search syntax (financial_status:paid, created_at:>2026-01-01, tag:wholesale).',
  auth,
  input: Type.Object({
    ...listInput,
    oldestFirst: Type.Boolean({ default: false, description: 'Oldest orders first.' }),
  }),
  output: Type.Object({
    orders: Type.Array(order, { description: 'The orders.' }),
    pageInfo,
  }),
  examples: [
    {
      title: 'Paid orders this year',
      input: { query: 'financial_status:paid created_at:>=2026-01-01', maxResults: 100 },
    },
  ],
  async run({ input, auth, ctx }) {
    const { nodes, pageInfo: info } = await collect(input.maxResults, input.after, PAGE_SIZE, async (first, after) => {
      const data = await adminGraphql<{ orders: Page<OrderNode> }>(auth, ctx, QUERY, {
        first,
        after,
        query: input.query,
        reverse: !input.oldestFirst,
        lineItems: 20,
      });
      return data.orders;
    });
    return { orders: nodes.map(toOrder), pageInfo: info };
  },
});
