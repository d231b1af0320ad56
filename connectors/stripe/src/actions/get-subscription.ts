import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { subscriptionOf, subscriptionSchema } from '../resources.js';

export const getSubscription = defineAction({
  auth,
  key: 'subscriptions.get',
  title: 'Get a subscription',
  description: 'Reads a subscription by id: status, prices and quantities, billing period, trial and cancellation.',
  input: Type.Object({ id: Type.String({ pattern: '^sub_', description: 'Subscription id (sub_…)' }) }),
  output: subscriptionSchema,
  examples: [{ input: { id: 'sub_1MowQVLkdIwHu7ixeRlqHVzs' } }],
  async run({ input, auth, ctx }) {
    return subscriptionOf(await withStripe(auth, ctx, (stripe) => stripe.subscriptions.retrieve(input.id)));
  },
});
