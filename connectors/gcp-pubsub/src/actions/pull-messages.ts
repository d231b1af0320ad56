import { defineAction, Type } from '@mova/sdk';
import { encodingField } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { type ReceivedMessage, receivedOf, receivedSchema } from '../messages.js';
import { subscriptionField } from '../schemas.js';

export const pullMessages = defineAction({
  auth,
  key: 'messages.pull',
  title: 'Pull messages',
  description:
    "Takes messages waiting on a subscription (subscriptions.pull). Acknowledge each with its ackId once handled (messages.acknowledge), before the subscription's ack deadline, or Pub/Sub delivers it again. May return fewer messages than asked, or none, even when more are waiting.",
  input: Type.Object({
    subscription: subscriptionField,
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 10,
      description: 'Most messages to take (default 10)',
    }),
    encoding: encodingField('"text" returns data as UTF-8 text (fails on binary data); "base64" as base64'),
  }),
  output: Type.Object({
    messages: Type.Array(receivedSchema, { description: 'The messages taken; empty when none are waiting' }),
  }),
  examples: [{ title: 'Up to 10 orders', input: { subscription: 'orders-worker', maxMessages: 10 } }],
  async run({ input, auth, ctx }) {
    const { data } = await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.post<{ receivedMessages?: ReceivedMessage[] }>(`/${pubsub.subscription(input.subscription)}:pull`, {
        json: { maxMessages: input.maxMessages },
      }),
    );
    return {
      messages: (data.receivedMessages ?? []).map((received) => receivedOf(received, input.encoding, ctx.actionKey)),
    };
  },
});
