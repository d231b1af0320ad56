import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { amountField, idempotencyKeyField, invoiceOf, invoiceSchema, metadataField } from '../resources.js';

export const createInvoice = defineAction({
  auth,
  key: 'invoices.create',
  title: 'Create an invoice',
  description:
    'Creates a draft invoice for a customer with line items (amounts and descriptions), to be finalized and then charged automatically or sent for payment. Pending invoice items of the customer are left out.',
  input: Type.Object({
    customer: Type.String({ pattern: '^cus_', description: 'Customer id (cus_…)' }),
    currency: Type.String({
      pattern: '^[a-z]{3}$',
      default: 'usd',
      description: 'Three-letter ISO currency code (default usd)',
    }),
    items: Type.Array(
      Type.Object({
        amount: amountField('Amount of the line in the smallest currency unit'),
        description: Type.String({ minLength: 1, description: 'What the line is for' }),
      }),
      { minItems: 1, maxItems: 50, description: 'Line items (added as invoice items)' },
    ),
    collectionMethod: Type.Union([Type.Literal('charge_automatically'), Type.Literal('send_invoice')], {
      default: 'charge_automatically',
      description:
        'charge_automatically (default: the default payment method is charged) or send_invoice (emailed for payment)',
    }),
    daysUntilDue: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Days the customer has to pay (needed with send_invoice)' }),
    ),
    description: Type.Optional(Type.String({ description: 'Memo shown on the invoice' })),
    autoAdvance: Type.Boolean({
      default: false,
      description:
        'Let Stripe finalize and collect it automatically about an hour later (default false: stays a draft)',
    }),
    metadata: Type.Optional(metadataField),
    idempotencyKey: idempotencyKeyField,
  }),
  output: invoiceSchema,
  examples: [
    {
      input: {
        customer: 'cus_NffrFeUfNV2Hib',
        currency: 'usd',
        items: [{ amount: 5000, description: 'Consulting, March' }],
        collectionMethod: 'send_invoice',
        daysUntilDue: 30,
        idempotencyKey: 'invoice-2026-03',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const key = input.idempotencyKey;
    const invoice = await withStripe(auth, ctx, async (stripe) => {
      const draft = await stripe.invoices.create(
        {
          customer: input.customer,
          currency: input.currency,
          collection_method: input.collectionMethod,
          auto_advance: input.autoAdvance,
          pending_invoice_items_behavior: 'exclude',
          ...(input.daysUntilDue !== undefined ? { days_until_due: input.daysUntilDue } : {}),
          ...(input.description ? { description: input.description } : {}),
          ...(input.metadata ? { metadata: input.metadata } : {}),
        },
        key ? { idempotencyKey: key } : undefined,
      );
      const id = draft.id ?? '';
      for (const [index, item] of input.items.entries()) {
        // Each line keyed from the invoice's key, so a retried step adds no line twice.
        await stripe.invoiceItems.create(
          {
            customer: input.customer,
            invoice: id,
            amount: item.amount,
            currency: input.currency,
            description: item.description,
          },
          key ? { idempotencyKey: `${key}:item:${index}` } : undefined,
        );
      }
      return stripe.invoices.retrieve(id);
    });
    return invoiceOf(invoice);
  },
});
