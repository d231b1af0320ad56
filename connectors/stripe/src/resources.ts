import { type Static, type TSchema, Type } from '@mova/sdk';
import type Stripe from 'stripe';

const nullable = <T extends TSchema>(schema: T, description: string) =>
  Type.Union([schema, Type.Null()], { description });

export const metadataField = Type.Record(Type.String({ maxLength: 40 }), Type.String({ maxLength: 500 }), {
  maxProperties: 50,
  description: 'Your own key-value pairs to store on the object (up to 50 keys)',
});

const metadataOut = Type.Record(Type.String(), Type.String(), { description: 'Key-value pairs stored on the object' });
const created = Type.String({ description: 'When it was created (ISO 8601)' });
const currency = Type.String({ description: 'Three-letter ISO currency code, lowercase' });

export const idempotencyKeyField = Type.Optional(
  Type.String({
    minLength: 1,
    maxLength: 255,
    description:
      'Idempotency-Key: a key unique to this create (e.g. your order id); a retry with the same key gives the first result instead of creating twice. Stripe keeps keys for 24 hours',
  }),
);

export const amountField = (description: string) => Type.Integer({ minimum: 1, description });

export const customerSchema = Type.Object({
  id: Type.String({ description: 'Customer id (cus_…)' }),
  email: nullable(Type.String(), 'Email address'),
  name: nullable(Type.String(), 'Full name or business name'),
  phone: nullable(Type.String(), 'Phone number'),
  description: nullable(Type.String(), 'Internal description'),
  balance: Type.Integer({ description: 'Credit balance in the smallest currency unit (negative is credit)' }),
  currency: nullable(currency, 'Currency the customer is billed in, once set'),
  created,
  metadata: metadataOut,
});

export const paymentIntentSchema = Type.Object({
  id: Type.String({ description: 'PaymentIntent id (pi_…)' }),
  status: Type.String({
    description:
      'requires_payment_method, requires_confirmation, requires_action, processing, requires_capture, canceled or succeeded',
  }),
  amount: Type.Integer({ description: 'Amount to collect in the smallest currency unit (cents)' }),
  amountReceived: Type.Integer({ description: 'Amount collected so far' }),
  currency,
  customer: nullable(Type.String(), 'Customer id, if any'),
  paymentMethod: nullable(Type.String(), 'Payment method id attached, if any'),
  latestCharge: nullable(Type.String(), 'Id of the latest charge (ch_…), once confirmed'),
  captureMethod: Type.String({ description: 'automatic, automatic_async or manual' }),
  description: nullable(Type.String(), 'Description'),
  clientSecret: nullable(Type.String(), 'Client secret for confirming in the browser with Stripe.js'),
  created,
  metadata: metadataOut,
});

export const invoiceSchema = Type.Object({
  id: Type.String({ description: 'Invoice id (in_…)' }),
  status: nullable(Type.String(), 'draft, open, paid, uncollectible or void'),
  number: nullable(Type.String(), 'Invoice number, given when finalized'),
  customer: nullable(Type.String(), 'Customer id'),
  currency,
  amountDue: Type.Integer({ description: 'Amount due in the smallest currency unit' }),
  amountPaid: Type.Integer({ description: 'Amount paid' }),
  amountRemaining: Type.Integer({ description: 'Amount still to pay' }),
  collectionMethod: Type.String({ description: 'charge_automatically or send_invoice' }),
  dueDate: nullable(Type.String(), 'Due date (ISO 8601) for send_invoice invoices'),
  hostedInvoiceUrl: nullable(Type.String(), 'Page where the customer can pay, once finalized'),
  invoicePdf: nullable(Type.String(), 'Link to the PDF, once finalized'),
  description: nullable(Type.String(), 'Memo shown on the invoice'),
  created,
  metadata: metadataOut,
});

export const subscriptionSchema = Type.Object({
  id: Type.String({ description: 'Subscription id (sub_…)' }),
  status: Type.String({
    description: 'incomplete, incomplete_expired, trialing, active, past_due, canceled, unpaid or paused',
  }),
  customer: Type.String({ description: 'Customer id' }),
  items: Type.Array(
    Type.Object({
      id: Type.String({ description: 'Subscription item id (si_…)' }),
      price: Type.String({ description: 'Price id (price_…)' }),
      quantity: Type.Integer({ description: 'Quantity' }),
      currentPeriodEnd: Type.String({ description: 'End of the item’s current billing period (ISO 8601)' }),
    }),
    { description: 'What the subscription bills for' },
  ),
  cancelAtPeriodEnd: Type.Boolean({ description: 'Whether it ends at the end of the current period' }),
  canceledAt: nullable(Type.String(), 'When it was canceled (ISO 8601)'),
  trialEnd: nullable(Type.String(), 'End of the trial (ISO 8601)'),
  latestInvoice: nullable(Type.String(), 'Id of the latest invoice'),
  created,
  metadata: metadataOut,
});

export const refundSchema = Type.Object({
  id: Type.String({ description: 'Refund id (re_…)' }),
  status: nullable(Type.String(), 'pending, requires_action, succeeded, failed or canceled'),
  amount: Type.Integer({ description: 'Amount refunded in the smallest currency unit' }),
  currency,
  paymentIntent: nullable(Type.String(), 'PaymentIntent refunded'),
  charge: nullable(Type.String(), 'Charge refunded'),
  reason: nullable(Type.String(), 'duplicate, fraudulent or requested_by_customer'),
  created,
  metadata: metadataOut,
});

export const eventSchema = Type.Object({
  id: Type.String({ description: 'Event id (evt_…)' }),
  type: Type.String({ description: 'Event type, e.g. invoice.paid or customer.subscription.deleted' }),
  created,
  livemode: Type.Boolean({ description: 'Whether it happened in live mode' }),
  apiVersion: nullable(Type.String(), 'API version the object is rendered in'),
  object: Type.Record(Type.String(), Type.Unknown(), {
    description: 'The object the event is about, as Stripe sent it',
  }),
  previousAttributes: nullable(Type.Record(Type.String(), Type.Unknown()), 'For *.updated events: the values changed'),
});

/** Id of an expandable field: the id string, the expanded object's id, or null. */
export function idOf(value: string | { id: string } | null | undefined): string | null {
  if (value === null || value === undefined) return null;
  return typeof value === 'string' ? value : value.id;
}

/** Stripe's Unix seconds as ISO 8601. */
export function iso(seconds: number): string;
export function iso(seconds: number | null | undefined): string | null;
export function iso(seconds: number | null | undefined): string | null {
  return seconds === null || seconds === undefined ? null : new Date(seconds * 1000).toISOString();
}

export function customerOf(c: Stripe.Customer): Static<typeof customerSchema> {
  return {
    id: c.id,
    email: c.email,
    name: c.name ?? null,
    phone: c.phone ?? null,
    description: c.description,
    balance: c.balance,
    currency: c.currency ?? null,
    created: iso(c.created),
    metadata: c.metadata,
  };
}

export function paymentIntentOf(p: Stripe.PaymentIntent): Static<typeof paymentIntentSchema> {
  return {
    id: p.id,
    status: p.status,
    amount: p.amount,
    amountReceived: p.amount_received,
    currency: p.currency,
    customer: idOf(p.customer),
    paymentMethod: idOf(p.payment_method),
    latestCharge: idOf(p.latest_charge),
    captureMethod: p.capture_method,
    description: p.description,
    clientSecret: p.client_secret,
    created: iso(p.created),
    metadata: p.metadata,
  };
}

export function invoiceOf(i: Stripe.Invoice): Static<typeof invoiceSchema> {
  return {
    id: i.id ?? '',
    status: i.status,
    number: i.number,
    customer: idOf(i.customer),
    currency: i.currency,
    amountDue: i.amount_due,
    amountPaid: i.amount_paid,
    amountRemaining: i.amount_remaining,
    collectionMethod: i.collection_method,
    dueDate: iso(i.due_date),
    hostedInvoiceUrl: i.hosted_invoice_url ?? null,
    invoicePdf: i.invoice_pdf ?? null,
    description: i.description,
    created: iso(i.created),
    metadata: i.metadata ?? {},
  };
}

export function subscriptionOf(s: Stripe.Subscription): Static<typeof subscriptionSchema> {
  return {
    id: s.id,
    status: s.status,
    customer: idOf(s.customer) ?? '',
    items: s.items.data.map((item) => ({
      id: item.id,
      price: item.price.id,
      quantity: item.quantity ?? 1,
      currentPeriodEnd: iso(item.current_period_end),
    })),
    cancelAtPeriodEnd: s.cancel_at_period_end,
    canceledAt: iso(s.canceled_at),
    trialEnd: iso(s.trial_end),
    latestInvoice: idOf(s.latest_invoice),
    created: iso(s.created),
    metadata: s.metadata,
  };
}

export function refundOf(r: Stripe.Refund): Static<typeof refundSchema> {
  return {
    id: r.id,
    status: r.status,
    amount: r.amount,
    currency: r.currency,
    paymentIntent: idOf(r.payment_intent),
    charge: idOf(r.charge),
    reason: r.reason,
    created: iso(r.created),
    metadata: r.metadata ?? {},
  };
}

export function eventOf(e: Stripe.Event): Static<typeof eventSchema> {
  const data: { object: object; previous_attributes?: object } = e.data;
  return {
    id: e.id,
    type: e.type,
    created: iso(e.created),
    livemode: e.livemode,
    apiVersion: e.api_version,
    object: { ...data.object },
    previousAttributes: data.previous_attributes ? { ...data.previous_attributes } : null,
  };
}

/** Cursor paging of Stripe's list endpoints: starting_after the last id of the previous page. */
export const listInput = {
  limit: Type.Integer({ minimum: 1, maximum: 100, default: 10, description: 'Objects per page (1–100, default 10)' }),
  startingAfter: Type.Optional(
    Type.String({ minLength: 1, description: 'The nextStartingAfter of the previous page, to read the next one' }),
  ),
};

export const listOutput = <T extends TSchema>(item: T, description: string) =>
  Type.Object({
    data: Type.Array(item, { description }),
    hasMore: Type.Boolean({ description: 'Whether more objects follow' }),
    nextStartingAfter: nullable(Type.String(), 'Pass as startingAfter to read the next page; null on the last page'),
  });

export function pageOf<T extends { id?: string }, O>(list: Stripe.ApiList<T>, map: (item: T) => O) {
  const last = list.data.at(-1);
  return {
    data: list.data.map(map),
    hasMore: list.has_more,
    nextStartingAfter: list.has_more ? (last?.id ?? null) : null,
  };
}
