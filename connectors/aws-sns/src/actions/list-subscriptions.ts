import { ListSubscriptionsByTopicCommand, ListSubscriptionsCommand, type Subscription } from '@aws-sdk/client-sns';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSns } from '../client.js';
import { limitField, nextTokenField, topicArnField } from '../schemas.js';

export const listSubscriptions = defineAction({
  auth,
  key: 'subscriptions.list',
  title: 'List subscriptions',
  description:
    'Lists the subscriptions of one topic (ListSubscriptionsByTopic) or of the whole account (ListSubscriptions), 100 per page, reading pages up to limit; unconfirmed ones show as pending.',
  input: Type.Object({
    topicArn: Type.Optional(topicArnField('Only the subscriptions of this topic (default: all topics)')),
    limit: limitField('subscriptions'),
    nextToken: nextTokenField(),
  }),
  output: Type.Object({
    subscriptions: Type.Array(
      Type.Object({
        subscriptionArn: Type.String({
          description: 'Subscription ARN, or "PendingConfirmation" until the endpoint confirms',
        }),
        topicArn: Type.String({ description: 'Topic ARN' }),
        protocol: Type.String({
          description: 'Protocol: http, https, email, email-json, sms, sqs, lambda, application, firehose',
        }),
        endpoint: Type.String({ description: 'Where messages go: a URL, an email address, a phone number or an ARN' }),
        owner: Type.String({ description: "Subscription owner's AWS account ID" }),
        pendingConfirmation: Type.Boolean({ description: 'Whether the endpoint has yet to confirm' }),
      }),
      { description: 'Subscriptions' },
    ),
    nextToken: Type.Optional(Type.String({ description: 'Token for the next call when more subscriptions remain' })),
  }),
  examples: [{ title: 'Who gets order events', input: { topicArn: 'arn:aws:sns:us-east-1:123456789012:orders' } }],
  async run({ input, auth, ctx }) {
    return withSns(auth, ctx, async (client, options) => {
      const subscriptions: ReturnType<typeof summary>[] = [];
      let token = input.nextToken;
      do {
        const page = input.topicArn
          ? await client.send(
              new ListSubscriptionsByTopicCommand({ TopicArn: input.topicArn, NextToken: token }),
              options,
            )
          : await client.send(new ListSubscriptionsCommand({ NextToken: token }), options);
        subscriptions.push(...(page.Subscriptions ?? []).map(summary));
        token = page.NextToken;
      } while (token && subscriptions.length < input.limit);
      return { subscriptions, ...(token ? { nextToken: token } : {}) };
    });
  },
});

function summary(subscription: Subscription) {
  const arn = subscription.SubscriptionArn ?? '';
  return {
    subscriptionArn: arn,
    topicArn: subscription.TopicArn ?? '',
    protocol: subscription.Protocol ?? '',
    endpoint: subscription.Endpoint ?? '',
    owner: subscription.Owner ?? '',
    pendingConfirmation: !arn.startsWith('arn:'),
  };
}
