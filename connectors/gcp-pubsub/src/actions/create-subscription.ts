import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { subscriptionField, topicField } from '../schemas.js';
import { type Subscription, subscriptionOf, subscriptionSchema } from '../subscriptions.js';

export const createSubscription = defineAction({
  auth,
  key: 'subscriptions.create',
  title: 'Create a subscription',
  description:
    'Creates a pull subscription to a topic (projects.subscriptions.create); it receives the messages published from then on. A name in use fails as a conflict.',
  input: Type.Object({
    subscription: subscriptionField,
    topic: topicField,
    ackDeadlineSeconds: Type.Integer({
      minimum: 10,
      maximum: 600,
      default: 10,
      description: 'Seconds a pulled message stays reserved (10–600, default 10)',
    }),
    filter: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Deliver only messages whose attributes match, e.g. attributes.type = "order.created"',
      }),
    ),
    enableMessageOrdering: Type.Boolean({
      default: false,
      description: 'Deliver messages with the same ordering key in order (default false)',
    }),
  }),
  output: subscriptionSchema,
  examples: [
    {
      title: 'A worker queue for orders',
      input: { subscription: 'orders-worker', topic: 'orders', ackDeadlineSeconds: 60 },
    },
  ],
  async run({ input, auth, ctx }) {
    const { data } = await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.put<Subscription>(`/${pubsub.subscription(input.subscription)}`, {
        json: {
          topic: pubsub.topic(input.topic),
          ackDeadlineSeconds: input.ackDeadlineSeconds,
          ...(input.filter ? { filter: input.filter } : {}),
          ...(input.enableMessageOrdering ? { enableMessageOrdering: true } : {}),
        },
      }),
    );
    return subscriptionOf(data);
  },
});
