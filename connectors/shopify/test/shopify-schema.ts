/**
 * The part of Shopify's Admin GraphQL schema (API version 2026-01) the connector uses, in SDL, with the
 * types, arguments, nullability and enums of shopify.dev/docs/api/admin-graphql/2026-01: queries `shop`,
 * `order`, `orders`, `products`, `customers`; mutations `productCreate`, `productUpdate`, `customerCreate`,
 * `inventoryAdjustQuantities`. The reference server validates every operation against it, so a field,
 * argument or variable type the real schema lacks fails here as it would there.
 */
export const ADMIN_SCHEMA = /* GraphQL */ `
scalar DateTime
scalar Decimal
scalar HTML
scalar Money
scalar UnsignedInt64
scalar URL

enum CurrencyCode { USD EUR GBP CAD }
enum OrderSortKeys { CREATED_AT PROCESSED_AT UPDATED_AT ID TOTAL_PRICE NUMBER }
enum ProductSortKeys { CREATED_AT UPDATED_AT TITLE ID INVENTORY_TOTAL VENDOR PRODUCT_TYPE }
enum CustomerSortKeys { CREATED_AT UPDATED_AT NAME ID LOCATION RELEVANCE }
enum ProductStatus { ACTIVE ARCHIVED DRAFT }
enum OrderDisplayFinancialStatus { PENDING AUTHORIZED PARTIALLY_PAID PARTIALLY_REFUNDED VOIDED PAID REFUNDED EXPIRED }
enum OrderDisplayFulfillmentStatus { UNFULFILLED PARTIALLY_FULFILLED FULFILLED RESTOCKED PENDING_FULFILLMENT OPEN IN_PROGRESS ON_HOLD SCHEDULED REQUEST_DECLINED }

type Query {
  shop: Shop!
  order(id: ID!): Order
  orders(first: Int, after: String, last: Int, before: String, query: String, sortKey: OrderSortKeys, reverse: Boolean): OrderConnection!
  products(first: Int, after: String, last: Int, before: String, query: String, sortKey: ProductSortKeys, reverse: Boolean): ProductConnection!
  customers(first: Int, after: String, last: Int, before: String, query: String, sortKey: CustomerSortKeys, reverse: Boolean): CustomerConnection!
}

type Mutation {
  productCreate(product: ProductCreateInput!): ProductCreatePayload
  productUpdate(product: ProductUpdateInput!): ProductUpdatePayload
  customerCreate(input: CustomerInput!): CustomerCreatePayload
  inventoryAdjustQuantities(input: InventoryAdjustQuantitiesInput!): InventoryAdjustQuantitiesPayload
}

type Shop { name: String! myshopifyDomain: String! currencyCode: CurrencyCode! }
type PageInfo { hasNextPage: Boolean! hasPreviousPage: Boolean! endCursor: String startCursor: String }
type MoneyV2 { amount: Decimal! currencyCode: CurrencyCode! }
type MoneyBag { shopMoney: MoneyV2! presentmentMoney: MoneyV2! }

type Order {
  id: ID!
  name: String!
  createdAt: DateTime!
  updatedAt: DateTime!
  processedAt: DateTime!
  cancelledAt: DateTime
  email: String
  phone: String
  note: String
  tags: [String!]!
  displayFinancialStatus: OrderDisplayFinancialStatus
  displayFulfillmentStatus: OrderDisplayFulfillmentStatus!
  currentTotalPriceSet: MoneyBag!
  subtotalPriceSet: MoneyBag
  customer: Customer
  lineItems(first: Int, after: String, last: Int, before: String, reverse: Boolean): LineItemConnection!
}
type OrderConnection { nodes: [Order!]! pageInfo: PageInfo! }
type LineItem { id: ID! title: String! quantity: Int! sku: String variant: ProductVariant originalUnitPriceSet: MoneyBag! }
type LineItemConnection { nodes: [LineItem!]! pageInfo: PageInfo! }

type Product {
  id: ID!
  title: String!
  handle: String!
  status: ProductStatus!
  vendor: String!
  productType: String!
  descriptionHtml: HTML!
  tags: [String!]!
  createdAt: DateTime!
  updatedAt: DateTime!
  variants(first: Int, after: String, last: Int, before: String, reverse: Boolean): ProductVariantConnection!
}
type ProductConnection { nodes: [Product!]! pageInfo: PageInfo! }
type ProductVariant { id: ID! title: String! sku: String price: Money! inventoryQuantity: Int inventoryItem: InventoryItem! }
type ProductVariantConnection { nodes: [ProductVariant!]! pageInfo: PageInfo! }
type InventoryItem { id: ID! sku: String tracked: Boolean! }
type Location { id: ID! name: String! }

type Customer {
  id: ID!
  firstName: String
  lastName: String
  displayName: String!
  email: String
  phone: String
  tags: [String!]!
  note: String
  createdAt: DateTime!
  updatedAt: DateTime!
  numberOfOrders: UnsignedInt64!
  amountSpent: MoneyV2!
}
type CustomerConnection { nodes: [Customer!]! pageInfo: PageInfo! }

type UserError { field: [String!] message: String! }

input ProductCreateInput { title: String descriptionHtml: String vendor: String productType: String tags: [String!] status: ProductStatus handle: String }
input ProductUpdateInput { id: ID title: String descriptionHtml: String vendor: String productType: String tags: [String!] status: ProductStatus handle: String }
type ProductCreatePayload { product: Product userErrors: [UserError!]! }
type ProductUpdatePayload { product: Product userErrors: [UserError!]! }

input CustomerInput { id: ID firstName: String lastName: String email: String phone: String tags: [String!] note: String }
type CustomerCreatePayload { customer: Customer userErrors: [UserError!]! }

input InventoryChangeInput { delta: Int! inventoryItemId: ID! locationId: ID! ledgerDocumentUri: URL }
input InventoryAdjustQuantitiesInput { reason: String! name: String! referenceDocumentUri: URL changes: [InventoryChangeInput!]! }
type InventoryChange { name: String! delta: Int! quantityAfterChange: Int item: InventoryItem location: Location }
type InventoryAdjustmentGroup { createdAt: DateTime! reason: String! referenceDocumentUri: URL changes(inventoryItemIds: [ID!], locationIds: [ID!], quantityNames: [String!]): [InventoryChange!]! }
type InventoryAdjustQuantitiesUserError { field: [String!] message: String! code: String }
type InventoryAdjustQuantitiesPayload { inventoryAdjustmentGroup: InventoryAdjustmentGroup userErrors: [InventoryAdjustQuantitiesUserError!]! }
`;
