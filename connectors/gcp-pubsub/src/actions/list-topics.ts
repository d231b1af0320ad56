import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { pageFields } from '../schemas.js';

interface Topic {
  name?: string;
  labels?: Record<string, string>;
  messageRetentionDuration?: string;
}

export const listTopics = defineAction({
  auth,
  key: 'topics.list',
  title: 'List topics',
  description:
    "Lists the project's topics (projects.topics.list), a page at a time: pass nextPageToken back as pageToken.",
  input: Type.Object({ ...pageFields }),
  output: Type.Object({
    topics: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Full name: projects/<project>/topics/<topic>' }),
        labels: Type.Record(Type.String(), Type.String(), { description: 'Labels on the topic' }),
        messageRetentionDuration: Type.Optional(
          Type.String({ description: 'How long published messages are kept, e.g. 604800s' }),
        ),
      }),
      { description: 'Topics on this page' },
    ),
    nextPageToken: Type.Optional(
      Type.String({ description: 'Pass as pageToken for the next page; absent on the last page' }),
    ),
  }),
  examples: [{ input: { pageSize: 50 } }],
  async run({ input, auth, ctx }) {
    const { data } = await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.get<{ topics?: Topic[]; nextPageToken?: string }>(`/projects/${pubsub.project()}/topics`, {
        query: { pageSize: input.pageSize, pageToken: input.pageToken },
      }),
    );
    return {
      topics: (data.topics ?? []).map((topic) => ({
        name: topic.name ?? '',
        labels: topic.labels ?? {},
        ...(topic.messageRetentionDuration ? { messageRetentionDuration: topic.messageRetentionDuration } : {}),
      })),
      ...(data.nextPageToken ? { nextPageToken: data.nextPageToken } : {}),
    };
  },
});
