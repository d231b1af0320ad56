import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { bytesOf, encodingField } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { attributesField, topicField } from '../schemas.js';

const messageSchema = Type.Object({
  data: Type.Optional(Type.String({ description: 'The message data: text, or base64 when encoding is "base64"' })),
  encoding: encodingField('"text" sends data as UTF-8; "base64" decodes it to bytes first'),
  attributes: Type.Optional(attributesField),
  orderingKey: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Messages with the same key are delivered in order (on subscriptions with ordering on)',
    }),
  ),
});

export const publishMessages = defineAction({
  auth,
  key: 'messages.publish',
  title: 'Publish messages',
  description:
    'Publishes one or more messages to a topic (topics.publish) and returns the id Pub/Sub gave each. A message needs data or attributes; a request holds at most 1000 messages and 10 MB.',
  input: Type.Object({
    topic: topicField,
    messages: Type.Array(messageSchema, { minItems: 1, maxItems: 1000, description: 'The messages, in order' }),
  }),
  output: Type.Object({
    messageIds: Type.Array(Type.String(), { description: 'Id of each message, in the order given' }),
  }),
  examples: [
    {
      title: 'An order event',
      input: {
        topic: 'orders',
        messages: [{ data: '{"orderId":1001,"total":42.5}', encoding: 'text', attributes: { type: 'order.created' } }],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const messages = input.messages.map((message, i) => {
      if (message.data === undefined && !message.attributes) {
        throw new ConnectorError(`Message ${i + 1} has neither data nor attributes`, {
          kind: 'invalid_input',
          actionKey: ctx.actionKey,
        });
      }
      return {
        ...(message.data === undefined
          ? {}
          : { data: bytesOf(message.data, message.encoding, ctx.actionKey).toString('base64') }),
        ...(message.attributes ? { attributes: message.attributes } : {}),
        ...(message.orderingKey ? { orderingKey: message.orderingKey } : {}),
      };
    });
    const { data } = await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.post<{ messageIds?: string[] }>(`/${pubsub.topic(input.topic)}:publish`, { json: { messages } }),
    );
    return { messageIds: data.messageIds ?? [] };
  },
});
