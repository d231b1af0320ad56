import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { subscriptionOf, subscriptionSchema } from '../resources.js';

export const cancelSubscription = defineAction({
  auth,
  key: 'subscriptions.cancel',
  title: 'Cancel a subscription',
  description:
    'Cancels a subscription at once (it can not be reactivated), optionally invoicing pending usage and prorations now.',
  input: Type.Object({
    id: Type.String({ pattern: '^sub_', description: 'Subscription id (sub_…)' }),
    invoiceNow: Type.Optional(Type.Boolean({ description: 'Invoice pending usage and prorations now' })),
    prorate: Type.Optional(Type.Boolean({ description: 'Credit the unused time as a proration' })),
  }),
  output: subscriptionSchema,
  examples: [{ input: { id: 'sub_1MowQVLkdIwHu7ixeRlqHVzs', prorate: true } }],
  async run({ input, auth, ctx }) {
    const subscription = await withStripe(auth, ctx, (stripe) =>
      stripe.subscriptions.cancel(input.id, {
        ...(input.invoiceNow !== undefined ? { invoice_now: input.invoiceNow } : {}),
        ...(input.prorate !== undefined ? { prorate: input.prorate } : {}),
      }),
    );
    return subscriptionOf(subscription);
  },
});
