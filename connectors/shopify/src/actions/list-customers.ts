import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql } from '../client.js';
import { CUSTOMER_FIELDS, type Customer, customer } from '../customers.js';
import { collect, listInput, type Page, pageInfo } from '../shapes.js';

const PAGE_SIZE = 100;

const QUERY = `query ListCustomers($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query) {
    nodes { ...CustomerFields }
    pageInfo { hasNextPage endCursor }
  }
}
${CUSTOMER_FIELDS}`;

/** Admin GraphQL `customers`, following `pageInfo.endCursor`. */
export const listCustomers = defineAction({
  key: 'customers.list',
  title: 'List customers',
  description:
    'Lists or finds Shopify customers with Shopify’s search syntax (email:ada@example.com, tag:vip, orders_count:>3).',
  auth,
  input: Type.Object(listInput),
  output: Type.Object({ customers: Type.Array(customer, { description: 'The customers.' }), pageInfo }),
  examples: [{ title: 'Find a customer by email', input: { query: 'email:ada@example.com', maxResults: 1 } }],
  async run({ input, auth, ctx }) {
    const { nodes, pageInfo: info } = await collect(input.maxResults, input.after, PAGE_SIZE, async (first, after) => {
      const data = await adminGraphql<{ customers: Page<Customer> }>(auth, ctx, QUERY, {
        first,
        after,
        query: input.query,
      });
      return data.customers;
    });
    return { customers: nodes, pageInfo: info };
  },
});
