import { type Static, Type } from '@mova/sdk';

export const PRODUCT_FIELDS = `
fragment ProductFields on Product {
  id title handle status vendor productType descriptionHtml tags createdAt updatedAt
  variants(first: 20) { nodes { id title sku price inventoryQuantity inventoryItem { id } } }
}`;

export const product = Type.Object({
  id: Type.String({ description: 'Product GID (gid://shopify/Product/…).' }),
  title: Type.String({ description: 'Product title.' }),
  handle: Type.String({ description: 'URL handle.' }),
  status: Type.String({ description: 'ACTIVE, DRAFT or ARCHIVED.' }),
  vendor: Type.String({ description: 'Vendor.' }),
  productType: Type.String({ description: 'Product type.' }),
  descriptionHtml: Type.String({ description: 'Description as HTML.' }),
  tags: Type.Array(Type.String(), { description: 'Tags.' }),
  createdAt: Type.String({ description: 'When the product was created (ISO 8601).' }),
  updatedAt: Type.String({ description: 'When the product last changed (ISO 8601).' }),
  variants: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Variant GID.' }),
      title: Type.String({ description: 'Variant title (Default Title for a single variant).' }),
      sku: Type.Union([Type.String(), Type.Null()], { description: 'SKU.' }),
      price: Type.String({ description: 'Price, as a decimal string.' }),
      inventoryQuantity: Type.Union([Type.Integer(), Type.Null()], {
        description: 'Available quantity across locations.',
      }),
      inventoryItemId: Type.String({ description: 'Inventory item GID, for inventory.adjust.' }),
    }),
    { description: 'The first 20 variants.' },
  ),
});
export type Product = Static<typeof product>;

export interface ProductNode extends Omit<Product, 'variants'> {
  variants: {
    nodes: {
      id: string;
      title: string;
      sku: string | null;
      price: string;
      inventoryQuantity: number | null;
      inventoryItem: { id: string };
    }[];
  };
}

export function toProduct(p: ProductNode): Product {
  return {
    id: p.id,
    title: p.title,
    handle: p.handle,
    status: p.status,
    vendor: p.vendor,
    productType: p.productType,
    descriptionHtml: p.descriptionHtml,
    tags: p.tags,
    createdAt: p.createdAt,
    updatedAt: p.updatedAt,
    variants: p.variants.nodes.map((v) => ({
      id: v.id,
      title: v.title,
      sku: v.sku,
      price: v.price,
      inventoryQuantity: v.inventoryQuantity,
      inventoryItemId: v.inventoryItem.id,
    })),
  };
}

/** Fields of ProductCreateInput / ProductUpdateInput the actions take. */
export const productFields = {
  descriptionHtml: Type.Optional(Type.String({ description: 'Description as HTML.' })),
  vendor: Type.Optional(Type.String({ description: 'Vendor.' })),
  productType: Type.Optional(Type.String({ description: 'Product type.' })),
  tags: Type.Optional(
    Type.Array(Type.String({ minLength: 1 }), { description: 'Tags (replacing the current ones on update).' }),
  ),
  status: Type.Optional(
    Type.Union([Type.Literal('ACTIVE'), Type.Literal('DRAFT'), Type.Literal('ARCHIVED')], {
      description: 'ACTIVE (for sale), DRAFT or ARCHIVED.',
    }),
  ),
  handle: Type.Optional(
    Type.String({ pattern: '^[a-z0-9-]+$', description: 'URL handle; Shopify derives one from the title without it.' }),
  ),
};
