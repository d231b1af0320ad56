import { Type } from '@mova/sdk';

export const topicField = Type.String({
  minLength: 3,
  pattern: '^(projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/topics/)?[A-Za-z][A-Za-z0-9._~+%-]{2,254}$',
  description:
    "Topic: its name in the connection's project (e.g. orders) or its full name (projects/my-project/topics/orders)",
});

export const subscriptionField = Type.String({
  minLength: 3,
  pattern: '^(projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/subscriptions/)?[A-Za-z][A-Za-z0-9._~+%-]{2,254}$',
  description:
    "Subscription: its name in the connection's project (e.g. orders-worker) or its full name (projects/my-project/subscriptions/orders-worker)",
});

export const attributesField = Type.Record(Type.String({ minLength: 1 }), Type.String(), {
  description: 'Attributes: string key-value pairs sent beside the data, e.g. {"type": "order.created"}',
});

export const ackIdsField = Type.Array(Type.String({ minLength: 1 }), {
  minItems: 1,
  maxItems: 1000,
  description: 'ackId of each message, from messages.pull',
});

export const pageFields = {
  pageSize: Type.Integer({ minimum: 1, maximum: 1000, default: 100, description: 'Items per page (default 100)' }),
  pageToken: Type.Optional(Type.String({ minLength: 1, description: 'nextPageToken of the previous page' })),
};
