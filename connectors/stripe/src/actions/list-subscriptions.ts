import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { listInput, listOutput, pageOf, subscriptionOf, subscriptionSchema } from '../resources.js';

const STATUSES = [
  'active',
  'past_due',
  'unpaid',
  'canceled',
  'incomplete',
  'incomplete_expired',
  'trialing',
  'paused',
  'ended',
  'all',
] as const;

export const listSubscriptions = defineAction({
  auth,
  key: 'subscriptions.list',
  title: 'List subscriptions',
  description:
    'Lists subscriptions, newest first, optionally of one customer, price or status, one page at a time. Canceled subscriptions are left out unless status is canceled, ended or all.',
  input: Type.Object({
    customer: Type.Optional(Type.String({ pattern: '^cus_', description: 'Only this customer’s (cus_…)' })),
    price: Type.Optional(Type.String({ pattern: '^price_', description: 'Only those billing this price (price_…)' })),
    status: Type.Optional(
      Type.Union(
        STATUSES.map((s) => Type.Literal(s)),
        { description: 'Only this status; all includes canceled ones' },
      ),
    ),
    ...listInput,
  }),
  output: listOutput(subscriptionSchema, 'Subscriptions on this page, newest first'),
  examples: [
    { title: 'A customer’s active subscriptions', input: { customer: 'cus_NffrFeUfNV2Hib', status: 'active' } },
  ],
  async run({ input, auth, ctx }) {
    const list = await withStripe(auth, ctx, (stripe) =>
      stripe.subscriptions.list({
        limit: input.limit,
        ...(input.customer ? { customer: input.customer } : {}),
        ...(input.price ? { price: input.price } : {}),
        ...(input.status ? { status: input.status } : {}),
        ...(input.startingAfter ? { starting_after: input.startingAfter } : {}),
      }),
    );
    return pageOf(list, subscriptionOf);
  },
});
