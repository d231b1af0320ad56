import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { invoiceOf, invoiceSchema, listInput, listOutput, pageOf } from '../resources.js';

export const listInvoices = defineAction({
  auth,
  key: 'invoices.list',
  title: 'List invoices',
  description: 'Lists invoices, newest first, optionally of one customer or in one status, one page at a time.',
  input: Type.Object({
    customer: Type.Optional(Type.String({ pattern: '^cus_', description: 'Only this customer’s (cus_…)' })),
    status: Type.Optional(
      Type.Union(
        [
          Type.Literal('draft'),
          Type.Literal('open'),
          Type.Literal('paid'),
          Type.Literal('uncollectible'),
          Type.Literal('void'),
        ],
        { description: 'Only invoices in this status' },
      ),
    ),
    ...listInput,
  }),
  output: listOutput(invoiceSchema, 'Invoices on this page, newest first'),
  examples: [{ title: 'Unpaid invoices', input: { status: 'open', limit: 50 } }],
  async run({ input, auth, ctx }) {
    const list = await withStripe(auth, ctx, (stripe) =>
      stripe.invoices.list({
        limit: input.limit,
        ...(input.customer ? { customer: input.customer } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.startingAfter ? { starting_after: input.startingAfter } : {}),
      }),
    );
    return pageOf(list, invoiceOf);
  },
});
