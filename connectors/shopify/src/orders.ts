import { type Static, Type } from '@mova/sdk';
import { money, moneyOf } from './shapes.js';

export const ORDER_FIELDS = `
fragment OrderFields on Order {
  id name createdAt updatedAt processedAt cancelledAt email phone note tags
  displayFinancialStatus displayFulfillmentStatus
  currentTotalPriceSet { shopMoney { amount currencyCode } }
  subtotalPriceSet { shopMoney { amount currencyCode } }
  customer { id email firstName lastName }
  lineItems(first: $lineItems) {
    nodes { id title quantity sku variant { id } originalUnitPriceSet { shopMoney { amount currencyCode } } }
  }
}`;

export const order = Type.Object({
  id: Type.String({ description: 'Order GID (gid://shopify/Order/…).' }),
  name: Type.String({ description: 'Order name customers see, e.g. #1001.' }),
  createdAt: Type.String({ description: 'When the order was created (ISO 8601).' }),
  updatedAt: Type.String({ description: 'When the order last changed (ISO 8601).' }),
  processedAt: Type.String({ description: 'When the order was processed (ISO 8601).' }),
  cancelledAt: Type.Union([Type.String(), Type.Null()], { description: 'When the order was cancelled, if it was.' }),
  email: Type.Union([Type.String(), Type.Null()], { description: 'Customer email on the order.' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Customer phone on the order.' }),
  note: Type.Union([Type.String(), Type.Null()], { description: 'Order note.' }),
  tags: Type.Array(Type.String(), { description: 'Order tags.' }),
  financialStatus: Type.Union([Type.String(), Type.Null()], { description: 'PAID, PENDING, REFUNDED, …' }),
  fulfillmentStatus: Type.String({ description: 'UNFULFILLED, FULFILLED, PARTIALLY_FULFILLED, …' }),
  totalPrice: Type.Union([money, Type.Null()], { description: 'Current total, after edits and refunds.' }),
  subtotalPrice: Type.Union([money, Type.Null()], { description: 'Subtotal before shipping and taxes.' }),
  customer: Type.Union(
    [
      Type.Object({
        id: Type.String({ description: 'Customer GID.' }),
        email: Type.Union([Type.String(), Type.Null()], { description: 'Customer email.' }),
        firstName: Type.Union([Type.String(), Type.Null()], { description: 'First name.' }),
        lastName: Type.Union([Type.String(), Type.Null()], { description: 'Last name.' }),
      }),
      Type.Null(),
    ],
    { description: 'The customer, for orders that have one.' },
  ),
  lineItems: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Line item GID.' }),
      title: Type.String({ description: 'Product title.' }),
      quantity: Type.Integer({ description: 'Quantity ordered.' }),
      sku: Type.Union([Type.String(), Type.Null()], { description: 'Variant SKU.' }),
      variantId: Type.Union([Type.String(), Type.Null()], { description: 'Variant GID, unless deleted.' }),
      unitPrice: Type.Union([money, Type.Null()], { description: 'Unit price before discounts.' }),
    }),
    { description: 'Line items (the first 100 for orders.get, 20 in lists).' },
  ),
});
export type Order = Static<typeof order>;

type MoneySet = { shopMoney: { amount: string; currencyCode: string } } | null;
export interface OrderNode {
  id: string;
  name: string;
  createdAt: string;
  updatedAt: string;
  processedAt: string;
  cancelledAt: string | null;
  email: string | null;
  phone: string | null;
  note: string | null;
  tags: string[];
  displayFinancialStatus: string | null;
  displayFulfillmentStatus: string;
  currentTotalPriceSet: MoneySet;
  subtotalPriceSet: MoneySet;
  customer: { id: string; email: string | null; firstName: string | null; lastName: string | null } | null;
  lineItems: {
    nodes: {
      id: string;
      title: string;
      quantity: number;
      sku: string | null;
      variant: { id: string } | null;
      originalUnitPriceSet: MoneySet;
    }[];
  };
}

export function toOrder(o: OrderNode): Order {
  return {
    id: o.id,
    name: o.name,
    createdAt: o.createdAt,
    updatedAt: o.updatedAt,
    processedAt: o.processedAt,
    cancelledAt: o.cancelledAt,
    email: o.email,
    phone: o.phone,
    note: o.note,
    tags: o.tags,
    financialStatus: o.displayFinancialStatus,
    fulfillmentStatus: o.displayFulfillmentStatus,
    totalPrice: moneyOf(o.currentTotalPriceSet),
    subtotalPrice: moneyOf(o.subtotalPriceSet),
    customer: o.customer ? { ...o.customer } : null,
    lineItems: o.lineItems.nodes.map((l) => ({
      id: l.id,
      title: l.title,
      quantity: l.quantity,
      sku: l.sku,
      variantId: l.variant?.id ?? null,
      unitPrice: moneyOf(l.originalUnitPriceSet),
    })),
  };
}
