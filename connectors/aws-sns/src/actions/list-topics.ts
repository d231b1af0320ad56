import { ListTopicsCommand } from '@aws-sdk/client-sns';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSns } from '../client.js';
import { limitField, nextTokenField } from '../schemas.js';

export const listTopics = defineAction({
  auth,
  key: 'topics.list',
  title: 'List topics',
  description:
    "Lists the account's topics in the connection's region (ListTopics, 100 per page), reading pages up to limit.",
  input: Type.Object({ limit: limitField('topics'), nextToken: nextTokenField() }),
  output: Type.Object({
    topics: Type.Array(
      Type.Object({
        topicArn: Type.String({ description: 'Topic ARN' }),
        name: Type.String({ description: 'Topic name (the last part of the ARN)' }),
        fifo: Type.Boolean({ description: 'Whether it is a FIFO topic (name ending in .fifo)' }),
      }),
      { description: 'Topics' },
    ),
    nextToken: Type.Optional(Type.String({ description: 'Token for the next call when more topics remain' })),
  }),
  examples: [{ title: 'All topics', input: {} }],
  async run({ input, auth, ctx }) {
    return withSns(auth, ctx, async (client, options) => {
      const topics: { topicArn: string; name: string; fifo: boolean }[] = [];
      let token = input.nextToken;
      do {
        const page = await client.send(new ListTopicsCommand({ NextToken: token }), options);
        for (const topic of page.Topics ?? []) {
          const arn = topic.TopicArn ?? '';
          const name = arn.split(':').at(-1) ?? '';
          topics.push({ topicArn: arn, name, fifo: name.endsWith('.fifo') });
        }
        token = page.NextToken;
      } while (token && topics.length < input.limit);
      return { topics, ...(token ? { nextToken: token } : {}) };
    });
  },
});
