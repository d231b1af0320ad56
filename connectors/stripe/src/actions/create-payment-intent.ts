import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { amountField, idempotencyKeyField, metadataField, paymentIntentOf, paymentIntentSchema } from '../resources.js';

export const createPaymentIntent = defineAction({
  auth,
  key: 'paymentIntents.create',
  title: 'Create a payment intent',
  description:
    'Creates a PaymentIntent to collect an amount from a customer: left for the customer to pay in the browser (Stripe.js with its clientSecret), or confirmed at once with a saved payment method (off-session charges).',
  input: Type.Object({
    amount: amountField('Amount in the smallest currency unit, e.g. 1999 for $19.99'),
    currency: Type.String({
      pattern: '^[a-z]{3}$',
      description: 'Three-letter ISO currency code, lowercase, e.g. usd',
    }),
    customer: Type.Optional(Type.String({ pattern: '^cus_', description: 'Customer id (cus_…)' })),
    paymentMethod: Type.Optional(Type.String({ minLength: 1, description: 'Payment method id (pm_…) to charge' })),
    confirm: Type.Boolean({ default: false, description: 'Confirm at once with paymentMethod (default false)' }),
    offSession: Type.Optional(
      Type.Boolean({ description: 'With confirm: the customer is not present (a saved card charged later)' }),
    ),
    captureMethod: Type.Union([Type.Literal('automatic'), Type.Literal('automatic_async'), Type.Literal('manual')], {
      default: 'automatic_async',
      description: 'automatic_async (default) or automatic captures at once; manual only authorizes, to capture later',
    }),
    description: Type.Optional(Type.String({ description: 'Description, shown in the Dashboard and receipts' })),
    receiptEmail: Type.Optional(Type.String({ format: 'email', description: 'Email the receipt goes to' })),
    metadata: Type.Optional(metadataField),
    idempotencyKey: idempotencyKeyField,
  }),
  output: paymentIntentSchema,
  examples: [
    {
      title: 'Charge a saved card',
      input: {
        amount: 1999,
        currency: 'usd',
        customer: 'cus_NffrFeUfNV2Hib',
        paymentMethod: 'pm_card_visa',
        confirm: true,
        offSession: true,
        metadata: { orderId: '6735' },
        idempotencyKey: 'order-6735',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const intent = await withStripe(auth, ctx, (stripe) =>
      stripe.paymentIntents.create(
        {
          amount: input.amount,
          currency: input.currency,
          capture_method: input.captureMethod,
          ...(input.customer ? { customer: input.customer } : {}),
          ...(input.paymentMethod ? { payment_method: input.paymentMethod } : {}),
          ...(input.confirm ? { confirm: true } : {}),
          ...(input.offSession !== undefined ? { off_session: input.offSession } : {}),
          // Without a return URL, Stripe needs redirect-based methods turned off to confirm server-side.
          ...(input.confirm ? { automatic_payment_methods: { enabled: true, allow_redirects: 'never' } } : {}),
          ...(input.description ? { description: input.description } : {}),
          ...(input.receiptEmail ? { receipt_email: input.receiptEmail } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        },
        input.idempotencyKey ? { idempotencyKey: input.idempotencyKey } : undefined,
      ),
    );
    return paymentIntentOf(intent);
  },
});
