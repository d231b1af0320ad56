import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withStripe } from '../client.js';
import { eventOf, eventSchema } from '../resources.js';

export const newEvents = defineTrigger({
  auth,
  kind: 'polling',
  key: 'events.new',
  title: 'New events',
  description:
    'Starts a workflow for each new Stripe event (payment_intent.succeeded, invoice.paid, customer.subscription.deleted…), optionally of some types only: each poll reads the newest events and emits those not emitted before (by id), oldest first. Stripe keeps events for 30 days; for high volumes a webhook endpoint is the better fit.',
  input: Type.Object({
    types: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z_.*]+$' }), {
        minItems: 1,
        maxItems: 20,
        description:
          'Event types to start on, e.g. ["invoice.paid", "charge.refunded"] or ["customer.subscription.*"]; all when left out',
      }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 100,
      default: 100,
      description: 'Newest events read per poll (default 100); more new ones than this between two polls are missed',
    }),
  }),
  output: eventSchema,
  dedupe: { by: 'id', field: 'id' },
  examples: [{ title: 'Paid invoices and refunds', input: { types: ['invoice.paid', 'charge.refunded'] } }],
  async poll({ input, auth, ctx }) {
    const list = await withStripe(auth, ctx, (stripe) =>
      stripe.events.list({ limit: input.limit, ...(input.types ? { types: input.types } : {}) }),
    );
    return list.data.map(eventOf).reverse();
  },
});
