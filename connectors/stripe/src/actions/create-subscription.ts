import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { idempotencyKeyField, metadataField, subscriptionOf, subscriptionSchema } from '../resources.js';

export const createSubscription = defineAction({
  auth,
  key: 'subscriptions.create',
  title: 'Create a subscription',
  description:
    'Subscribes a customer to one or more recurring prices, optionally with a free trial. The first invoice is charged to the customer’s default payment method, or emailed with send_invoice.',
  input: Type.Object({
    customer: Type.String({ pattern: '^cus_', description: 'Customer id (cus_…)' }),
    items: Type.Array(
      Type.Object({
        price: Type.String({ pattern: '^price_', description: 'Recurring price id (price_…)' }),
        quantity: Type.Integer({ minimum: 1, default: 1, description: 'Quantity, e.g. seats (default 1)' }),
      }),
      { minItems: 1, maxItems: 20, description: 'Prices to subscribe to' },
    ),
    trialPeriodDays: Type.Optional(Type.Integer({ minimum: 1, maximum: 730, description: 'Days of free trial' })),
    defaultPaymentMethod: Type.Optional(
      Type.String({ minLength: 1, description: 'Payment method id (pm_…) to charge' }),
    ),
    collectionMethod: Type.Union([Type.Literal('charge_automatically'), Type.Literal('send_invoice')], {
      default: 'charge_automatically',
      description: 'charge_automatically (default) or send_invoice (invoices emailed for payment)',
    }),
    daysUntilDue: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Days to pay each invoice (with send_invoice)' }),
    ),
    metadata: Type.Optional(metadataField),
    idempotencyKey: idempotencyKeyField,
  }),
  output: subscriptionSchema,
  examples: [
    {
      input: {
        customer: 'cus_NffrFeUfNV2Hib',
        items: [{ price: 'price_1MowQULkdIwHu7ixraBm864M', quantity: 3 }],
        trialPeriodDays: 14,
        idempotencyKey: 'signup-42-plan',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const subscription = await withStripe(auth, ctx, (stripe) =>
      stripe.subscriptions.create(
        {
          customer: input.customer,
          items: input.items.map((item) => ({ price: item.price, quantity: item.quantity })),
          collection_method: input.collectionMethod,
          ...(input.trialPeriodDays ? { trial_period_days: input.trialPeriodDays } : {}),
          ...(input.defaultPaymentMethod ? { default_payment_method: input.defaultPaymentMethod } : {}),
          ...(input.daysUntilDue !== undefined ? { days_until_due: input.daysUntilDue } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        },
        input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : undefined,
      ),
    );
    return subscriptionOf(subscription);
  },
});
