import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withMqtt } from '../client.js';
import { publishOne } from '../publish.js';
import { topicFilterSchema } from '../topic.js';
import { readRetained } from './get-retained.js';

export const clearRetained = defineAction({
  auth,
  key: 'retained.clear',
  title: 'Clear retained messages',
  description:
    'Removes the retained message of a topic (publishes an empty retained message there). With a topic filter, clears every retained message it matches. Says which topics had one.',
  input: Type.Object({
    topic: topicFilterSchema(
      'Topic to clear, or a topic filter such as `devices/old/#` to clear every retained message under it',
    ),
  }),
  output: Type.Object({
    cleared: Type.Array(Type.String(), { description: 'Topics whose retained message was removed' }),
    count: Type.Integer({ minimum: 0, description: 'How many were removed' }),
  }),
  examples: [
    { input: { topic: 'devices/42/status' }, output: { cleared: ['devices/42/status'], count: 1 } },
    {
      title: 'Every retained message under a prefix',
      input: { topic: 'devices/retired/#' },
      output: { cleared: ['devices/retired/7/status', 'devices/retired/9/status'], count: 2 },
    },
  ],
  async run({ input, auth, ctx }) {
    // Read first, so the output names only topics that had a retained message.
    const found = await readRetained(auth, ctx, input.topic, 10_000, 'base64');
    const topics = found.map((message) => message.topic);
    if (topics.length > 0) {
      await withMqtt(auth, ctx, async (session) => {
        for (const topic of topics) {
          await publishOne(session, { topic, payload: '', encoding: 'auto', qos: 1, retain: true }, ctx.actionKey);
        }
      });
    }
    return { cleared: topics, count: topics.length };
  },
});
