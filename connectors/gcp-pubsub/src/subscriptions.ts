import { Type } from '@mova/sdk';

/** A Subscription resource of the REST API, as far as actions report it. */
export interface Subscription {
  name?: string;
  topic?: string;
  ackDeadlineSeconds?: number;
  filter?: string;
  enableMessageOrdering?: boolean;
  pushConfig?: { pushEndpoint?: string };
}

export const subscriptionSchema = Type.Object({
  name: Type.String({ description: 'Full name: projects/<project>/subscriptions/<subscription>' }),
  topic: Type.String({ description: 'Full name of its topic (_deleted-topic_ when the topic is gone)' }),
  ackDeadlineSeconds: Type.Integer({ description: 'Seconds a pulled message stays reserved' }),
  filter: Type.Optional(Type.String({ description: 'Attribute filter: only matching messages are delivered' })),
  enableMessageOrdering: Type.Boolean({ description: 'Whether messages with an ordering key arrive in order' }),
  pushEndpoint: Type.Optional(Type.String({ description: 'Where Pub/Sub pushes messages, for a push subscription' })),
});

export function subscriptionOf(subscription: Subscription) {
  return {
    name: subscription.name ?? '',
    topic: subscription.topic ?? '',
    ackDeadlineSeconds: subscription.ackDeadlineSeconds ?? 10,
    ...(subscription.filter ? { filter: subscription.filter } : {}),
    enableMessageOrdering: subscription.enableMessageOrdering ?? false,
    ...(subscription.pushConfig?.pushEndpoint ? { pushEndpoint: subscription.pushConfig.pushEndpoint } : {}),
  };
}
