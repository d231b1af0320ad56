import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { topicField } from '../schemas.js';

export const createTopic = defineAction({
  auth,
  key: 'topics.create',
  title: 'Create a topic',
  description: 'Creates a topic (projects.topics.create); a name in use fails as a conflict.',
  input: Type.Object({
    topic: topicField,
    labels: Type.Optional(
      Type.Record(Type.String(), Type.String(), { description: 'Labels, e.g. {"team": "billing"}' }),
    ),
  }),
  output: Type.Object({ name: Type.String({ description: 'Full name of the topic' }) }),
  examples: [{ title: 'An orders topic', input: { topic: 'orders', labels: { team: 'billing' } } }],
  async run({ input, auth, ctx }) {
    const { data } = await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.put<{ name?: string }>(`/${pubsub.topic(input.topic)}`, {
        json: input.labels ? { labels: input.labels } : {},
      }),
    );
    return { name: data.name ?? '' };
  },
});
