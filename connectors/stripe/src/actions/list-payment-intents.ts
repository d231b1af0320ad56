import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { listInput, listOutput, pageOf, paymentIntentOf, paymentIntentSchema } from '../resources.js';

export const listPaymentIntents = defineAction({
  auth,
  key: 'paymentIntents.list',
  title: 'List payment intents',
  description: 'Lists PaymentIntents, newest first, optionally of one customer, one page at a time.',
  input: Type.Object({
    customer: Type.Optional(Type.String({ pattern: '^cus_', description: 'Only this customer’s (cus_…)' })),
    ...listInput,
  }),
  output: listOutput(paymentIntentSchema, 'PaymentIntents on this page, newest first'),
  examples: [{ input: { customer: 'cus_NffrFeUfNV2Hib', limit: 20 } }],
  async run({ input, auth, ctx }) {
    const list = await withStripe(auth, ctx, (stripe) =>
      stripe.paymentIntents.list({
        limit: input.limit,
        ...(input.customer ? { customer: input.customer } : {}),
        ...(input.startingAfter ? { starting_after: input.startingAfter } : {}),
      }),
    );
    return pageOf(list, paymentIntentOf);
  },
});
