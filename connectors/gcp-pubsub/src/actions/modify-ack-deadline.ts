import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { ackIdsField, subscriptionField } from '../schemas.js';

export const modifyAckDeadline = defineAction({
  auth,
  key: 'messages.modifyAckDeadline',
  title: 'Extend or release messages',
  description:
    'Changes how long pulled messages stay reserved (subscriptions.modifyAckDeadline): more seconds to finish handling them, or 0 to release them (a negative acknowledgement) so Pub/Sub delivers them again at once.',
  input: Type.Object({
    subscription: subscriptionField,
    ackIds: ackIdsField,
    ackDeadlineSeconds: Type.Integer({
      minimum: 0,
      maximum: 600,
      description: 'Seconds from now the messages stay reserved (up to 600); 0 releases them',
    }),
  }),
  output: Type.Object({ modified: Type.Integer({ minimum: 0, description: 'Number of ackIds sent' }) }),
  examples: [
    {
      title: 'Hand an order back',
      input: {
        subscription: 'orders-worker',
        ackIds: ['RkhRNxkIaFEOT14jPzUgKEUSBwhQBWdCQBlUDCR0RjRwdDQ'],
        ackDeadlineSeconds: 0,
      },
      output: { modified: 1 },
    },
  ],
  async run({ input, auth, ctx }) {
    await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.post(`/${pubsub.subscription(input.subscription)}:modifyAckDeadline`, {
        json: { ackIds: input.ackIds, ackDeadlineSeconds: input.ackDeadlineSeconds },
      }),
    );
    return { modified: input.ackIds.length };
  },
});
