import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { ackIdsField, subscriptionField } from '../schemas.js';

export const acknowledgeMessages = defineAction({
  auth,
  key: 'messages.acknowledge',
  title: 'Acknowledge messages',
  description:
    'Tells Pub/Sub that pulled messages were handled (subscriptions.acknowledge), so they are not delivered again. An ackId past its deadline is ignored by Pub/Sub.',
  input: Type.Object({ subscription: subscriptionField, ackIds: ackIdsField }),
  output: Type.Object({ acknowledged: Type.Integer({ minimum: 0, description: 'Number of ackIds sent' }) }),
  examples: [
    {
      title: 'Acknowledge a handled order',
      input: { subscription: 'orders-worker', ackIds: ['RkhRNxkIaFEOT14jPzUgKEUSBwhQBWdCQBlUDCR0RjRwdDQ'] },
      output: { acknowledged: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.post(`/${pubsub.subscription(input.subscription)}:acknowledge`, { json: { ackIds: input.ackIds } }),
    );
    return { acknowledged: input.ackIds.length };
  },
});
