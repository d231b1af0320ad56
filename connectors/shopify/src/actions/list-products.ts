import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql } from '../client.js';
import { PRODUCT_FIELDS, type ProductNode, product, toProduct } from '../products.js';
import { collect, listInput, type Page, pageInfo } from '../shapes.js';

/** 20 variants per product keeps a page of 15 under the 1000-point single-query cost limit. */
const PAGE_SIZE = 15;

const QUERY = `query ListProducts($first: Int!, $after: String, $query: String) {
  products(first: $first, after: $after, query: $query, sortKey: UPDATED_AT, reverse: true) {
    nodes { ...ProductFields }
    pageInfo { hasNextPage endCursor }
  }
}
${PRODUCT_FIELDS}`;

/** Admin GraphQL `products`, following `pageInfo.endCursor`. */
export const listProducts = defineAction({
  key: 'products.list',
  title: 'List products',
  description:
    'Lists Shopify products, most recently updated first, filtered with Shopify’s search syntax (status:active, vendor:Acme, tag:sale).',
  auth,
  input: Type.Object(listInput),
  output: Type.Object({ products: Type.Array(product, { description: 'The products.' }), pageInfo }),
  examples: [{ title: 'Active products', input: { query: 'status:active', maxResults: 100 } }],
  async run({ input, auth, ctx }) {
    const { nodes, pageInfo: info } = await collect(input.maxResults, input.after, PAGE_SIZE, async (first, after) => {
      const data = await adminGraphql<{ products: Page<ProductNode> }>(auth, ctx, QUERY, {
        first,
        after,
        query: input.query,
      });
      return data.products;
    });
    return { products: nodes.map(toProduct), pageInfo: info };
  },
});
