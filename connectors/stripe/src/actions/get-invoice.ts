import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { invoiceOf, invoiceSchema } from '../resources.js';

export const getInvoice = defineAction({
  auth,
  key: 'invoices.get',
  title: 'Get an invoice',
  description: 'Reads an invoice by id: status, number, amounts due and paid, and its payment page and PDF links.',
  input: Type.Object({ id: Type.String({ pattern: '^in_', description: 'Invoice id (in_…)' }) }),
  output: invoiceSchema,
  examples: [{ input: { id: 'in_1MtHbELkdIwHu7ixl4OzzPMv' } }],
  async run({ input, auth, ctx }) {
    return invoiceOf(await withStripe(auth, ctx, (stripe) => stripe.invoices.retrieve(input.id)));
  },
});
