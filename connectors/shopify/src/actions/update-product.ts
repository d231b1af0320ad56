import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql, checkUserErrors } from '../client.js';
import { PRODUCT_FIELDS, type ProductNode, product, productFields, toProduct } from '../products.js';
import { gidOf, idInput } from '../shapes.js';

const MUTATION = `mutation UpdateProduct($product: ProductUpdateInput!) {
  productUpdate(product: $product) {
    product { ...ProductFields }
    userErrors { field message }
  }
}
${PRODUCT_FIELDS}`;

interface Payload {
  productUpdate: { product: ProductNode | null; userErrors: { field: string[] | null; message: string }[] };
}

/** Admin GraphQL `productUpdate`. */
export const updateProduct = defineAction({
  key: 'products.update',
  title: 'Update a product',
  description:
    'Changes a Shopify product’s title, description, vendor, type, tags, status or handle; fields left out keep their values.',
  auth,
  input: Type.Object({
    id: idInput('Product'),
    title: Type.Optional(Type.String({ minLength: 1, maxLength: 255, description: 'New title.' })),
    ...productFields,
  }),
  output: product,
  examples: [{ title: 'Publish a product', input: { id: 'gid://shopify/Product/1234567890', status: 'ACTIVE' } }],
  async run({ input, auth, ctx }) {
    const { id, ...changes } = input;
    const data = await adminGraphql<Payload>(auth, ctx, MUTATION, {
      product: { id: gidOf('Product', id), ...changes },
    });
    checkUserErrors(data.productUpdate, ctx);
    if (!data.productUpdate.product) throw new Error('Shopify answered productUpdate without a product or userErrors');
    return toProduct(data.productUpdate.product);
  },
});
