import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { invoiceOf, invoiceSchema } from '../resources.js';

export const finalizeInvoice = defineAction({
  auth,
  key: 'invoices.finalize',
  title: 'Finalize an invoice',
  description:
    'Finalizes a draft invoice: it gets its number, becomes open for payment and can no longer be edited. A send_invoice invoice then has its payment page; Stripe collects a charge_automatically one when autoAdvance is on.',
  input: Type.Object({
    id: Type.String({ pattern: '^in_', description: 'Invoice id (in_…), a draft' }),
    autoAdvance: Type.Optional(
      Type.Boolean({ description: 'Let Stripe collect it automatically afterwards (charge or email reminders)' }),
    ),
  }),
  output: invoiceSchema,
  examples: [{ input: { id: 'in_1MtHbELkdIwHu7ixl4OzzPMv' } }],
  async run({ input, auth, ctx }) {
    const invoice = await withStripe(auth, ctx, (stripe) =>
      stripe.invoices.finalizeInvoice(
        input.id,
        input.autoAdvance === undefined ? {} : { auto_advance: input.autoAdvance },
      ),
    );
    return invoiceOf(invoice);
  },
});
