import { type Static, Type } from '@mova/sdk';
import { money } from './shapes.js';

export const CUSTOMER_FIELDS = `
fragment CustomerFields on Customer {
  id firstName lastName displayName email phone tags note createdAt updatedAt numberOfOrders
  amountSpent { amount currencyCode }
}`;

export const customer = Type.Object({
  id: Type.String({ description: 'Customer GID (gid://shopify/Customer/…).' }),
  firstName: Type.Union([Type.String(), Type.Null()], { description: 'First name.' }),
  lastName: Type.Union([Type.String(), Type.Null()], { description: 'Last name.' }),
  displayName: Type.String({ description: 'Name as Shopify shows it.' }),
  email: Type.Union([Type.String(), Type.Null()], { description: 'Email address.' }),
  phone: Type.Union([Type.String(), Type.Null()], { description: 'Phone number (E.164).' }),
  tags: Type.Array(Type.String(), { description: 'Tags.' }),
  note: Type.Union([Type.String(), Type.Null()], { description: 'Note about the customer.' }),
  createdAt: Type.String({ description: 'When the customer was created (ISO 8601).' }),
  updatedAt: Type.String({ description: 'When the customer last changed (ISO 8601).' }),
  numberOfOrders: Type.String({ description: 'Orders placed, as Shopify’s UnsignedInt64 string.' }),
  amountSpent: money,
});
export type Customer = Static<typeof customer>;
