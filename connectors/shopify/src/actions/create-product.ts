import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { adminGraphql, checkUserErrors } from '../client.js';
import { PRODUCT_FIELDS, type ProductNode, product, productFields, toProduct } from '../products.js';

const MUTATION = `mutation CreateProduct($product: ProductCreateInput!) {
  productCreate(product: $product) {
    product { ...ProductFields }
    userErrors { field message }
  }
}
${PRODUCT_FIELDS}`;

interface Payload {
  productCreate: { product: ProductNode | null; userErrors: { field: string[] | null; message: string }[] };
}

/** Admin GraphQL `productCreate`. */
export const createProduct = defineAction({
  key: 'products.create',
  title: 'Create a product',
  description:
    'Creates a Shopify product (with its default variant) from a title, description, vendor, type, tags and status.',
  auth,
  input: Type.Object({
    title: Type.String({ minLength: 1, maxLength: 255, description: 'Product title.' }),
    ...productFields,
  }),
  output: product,
  examples: [
    {
      title: 'Create a draft product',
      input: {
        title: 'Analytical Engine T-shirt',
        vendor: 'Babbage & Co',
        productType: 'Apparel',
        tags: ['cotton'],
        status: 'DRAFT',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const data = await adminGraphql<Payload>(auth, ctx, MUTATION, { product: input });
    checkUserErrors(data.productCreate, ctx);
    if (!data.productCreate.product) throw new Error('Shopify answered productCreate without a product or userErrors');
    return toProduct(data.productCreate.product);
  },
});
