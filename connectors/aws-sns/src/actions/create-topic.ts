import { CreateTopicCommand } from '@aws-sdk/client-sns';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSns } from '../client.js';

export const createTopic = defineAction({
  auth,
  key: 'topics.create',
  title: 'Create a topic',
  description:
    'Creates a topic (CreateTopic), or returns the existing one of that name with the same settings; a name ending in .fifo makes a FIFO topic.',
  input: Type.Object({
    name: Type.String({
      pattern: '^[A-Za-z0-9_-]{1,256}(\\.fifo)?$',
      description: 'Topic name: letters, digits, - and _, up to 256; end it in .fifo for a FIFO topic',
    }),
    displayName: Type.Optional(
      Type.String({ minLength: 1, maxLength: 100, description: 'Sender name shown in SMS and email subscriptions' }),
    ),
    contentBasedDeduplication: Type.Optional(
      Type.Boolean({
        description: 'FIFO topics: deduplicate by a hash of the message instead of a messageDeduplicationId',
      }),
    ),
  }),
  output: Type.Object({ topicArn: Type.String({ description: 'ARN of the topic' }) }),
  examples: [{ title: 'A topic for order events', input: { name: 'orders', displayName: 'Orders' } }],
  async run({ input, auth, ctx }) {
    const attributes: Record<string, string> = {};
    if (input.name.endsWith('.fifo')) attributes.FifoTopic = 'true';
    if (input.displayName) attributes.DisplayName = input.displayName;
    if (input.contentBasedDeduplication !== undefined)
      attributes.ContentBasedDeduplication = String(input.contentBasedDeduplication);
    const created = await withSns(auth, ctx, (client, options) =>
      client.send(
        new CreateTopicCommand({
          Name: input.name,
          ...(Object.keys(attributes).length ? { Attributes: attributes } : {}),
        }),
        options,
      ),
    );
    return { topicArn: created.TopicArn ?? '' };
  },
});
