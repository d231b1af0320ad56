import { SubscribeCommand } from '@aws-sdk/client-sns';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSns } from '../client.js';
import { topicArnField } from '../schemas.js';

const PROTOCOLS = ['http', 'https', 'email', 'email-json', 'sms', 'sqs', 'lambda', 'application', 'firehose'] as const;

export const subscribe = defineAction({
  auth,
  key: 'subscriptions.create',
  title: 'Subscribe an endpoint',
  description:
    'Subscribes an endpoint to a topic (Subscribe): an SQS queue, a Lambda function, an HTTP(S) URL, an email address or a phone number, optionally with a filter policy or raw delivery. HTTP and email endpoints must confirm before they get messages.',
  input: Type.Object({
    topicArn: topicArnField(),
    protocol: Type.Union(
      PROTOCOLS.map((protocol) => Type.Literal(protocol)),
      {
        description:
          'How messages are delivered: sqs, lambda, https, http, email, email-json, sms, application, firehose',
      },
    ),
    endpoint: Type.String({
      minLength: 1,
      description:
        'Where messages go: a queue or function ARN, a URL, an email address, or a phone number in E.164 format',
    }),
    filterPolicy: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Only messages matching this filter policy, e.g. { "eventType": ["order.paid"] }',
      }),
    ),
    filterPolicyScope: Type.Optional(
      Type.Union([Type.Literal('MessageAttributes'), Type.Literal('MessageBody')], {
        description: 'What the filter policy looks at: MessageAttributes (default) or MessageBody',
      }),
    ),
    rawMessageDelivery: Type.Optional(
      Type.Boolean({
        description: 'SQS, HTTP(S) and Firehose: deliver the message as published, without the SNS JSON envelope',
      }),
    ),
  }),
  output: Type.Object({
    subscriptionArn: Type.String({
      description: 'ARN of the subscription (SNS returns it even while confirmation is pending)',
    }),
  }),
  examples: [
    {
      title: 'Send paid orders to a queue, unwrapped',
      input: {
        topicArn: 'arn:aws:sns:us-east-1:123456789012:orders',
        protocol: 'sqs',
        endpoint: 'arn:aws:sqs:us-east-1:123456789012:paid-orders',
        filterPolicy: { eventType: ['order.paid'] },
        rawMessageDelivery: true,
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const attributes: Record<string, string> = {};
    if (input.filterPolicy) attributes.FilterPolicy = JSON.stringify(input.filterPolicy);
    if (input.filterPolicyScope) attributes.FilterPolicyScope = input.filterPolicyScope;
    if (input.rawMessageDelivery !== undefined) attributes.RawMessageDelivery = String(input.rawMessageDelivery);
    const subscribed = await withSns(auth, ctx, (client, options) =>
      client.send(
        new SubscribeCommand({
          TopicArn: input.topicArn,
          Protocol: input.protocol,
          Endpoint: input.endpoint,
          ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
          ReturnSubscriptionArn: true,
        }),
        options,
      ),
    );
    return { subscriptionArn: subscribed.SubscriptionArn ?? '' };
  },
});
