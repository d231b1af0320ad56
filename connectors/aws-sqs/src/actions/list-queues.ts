import { ListQueuesCommand } from '@aws-sdk/client-sqs';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withSqs } from '../client.js';

export const listQueues = defineAction({
  auth,
  key: 'queues.list',
  title: 'List queues',
  description:
    "Lists the URLs of the account's queues in the connection's region (ListQueues), optionally those whose names start with a prefix, reading every page up to limit.",
  input: Type.Object({
    prefix: Type.Optional(
      Type.String({ minLength: 1, maxLength: 80, description: 'Only queues whose names start with this' }),
    ),
    limit: Type.Integer({
      minimum: 1,
      maximum: 10000,
      default: 1000,
      description: 'Most queue URLs to return (default 1000)',
    }),
  }),
  output: Type.Object({
    queueUrls: Type.Array(Type.String(), { description: 'Queue URLs' }),
  }),
  examples: [{ title: 'Queues of the orders service', input: { prefix: 'orders' } }],
  async run({ input, auth, ctx }) {
    const queueUrls = await withSqs(auth, ctx, async ({ client, options }) => {
      const urls: string[] = [];
      let token: string | undefined;
      do {
        const page = await client.send(
          new ListQueuesCommand({
            QueueNamePrefix: input.prefix,
            MaxResults: Math.min(1000, input.limit - urls.length),
            NextToken: token,
          }),
          options,
        );
        urls.push(...(page.QueueUrls ?? []));
        token = page.NextToken;
      } while (token && urls.length < input.limit);
      return urls;
    });
    return { queueUrls };
  },
});
