import { defineTrigger, Type } from '@mova/sdk';
import { encodingField } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { type ReceivedMessage, receivedOf, receivedSchema } from '../messages.js';
import { subscriptionField } from '../schemas.js';

export const newMessages = defineTrigger({
  auth,
  kind: 'polling',
  key: 'messages.new',
  title: 'New messages',
  description:
    'Starts a workflow for each message on a pull subscription, consuming it: each poll pulls up to maxMessages (subscriptions.pull) and acknowledges them before they start workflows, so each message starts one workflow at most, and one that fails does not bring its message back. For at-least-once handling, pull and acknowledge with the actions instead.',
  input: Type.Object({
    subscription: subscriptionField,
    maxMessages: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Most messages to take per poll (default 100)',
    }),
    encoding: encodingField('"text" returns data as UTF-8 text; "base64" as base64'),
  }),
  output: receivedSchema,
  dedupe: { by: 'id', field: 'messageId' },
  // Acknowledged messages are gone: the first poll must start their workflows too.
  emitOnFirstPoll: true,
  examples: [{ title: 'Each new order', input: { subscription: 'orders-worker' } }],
  async poll({ input, auth, ctx }) {
    return withPubSub(auth, ctx, async (pubsub) => {
      const subscription = pubsub.subscription(input.subscription);
      const { data } = await pubsub.http.post<{ receivedMessages?: ReceivedMessage[] }>(`/${subscription}:pull`, {
        json: { maxMessages: input.maxMessages },
      });
      const received = data.receivedMessages ?? [];
      // Decode first: a message that cannot be read is not acknowledged, so Pub/Sub delivers it again.
      const messages = received.map((message) => receivedOf(message, input.encoding, ctx.actionKey));
      if (messages.length > 0) {
        await pubsub.http.post(`/${subscription}:acknowledge`, {
          json: { ackIds: messages.map((message) => message.ackId) },
        });
      }
      return messages;
    });
  },
});
