import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withPubSub } from '../client.js';
import { pageFields } from '../schemas.js';
import { type Subscription, subscriptionOf, subscriptionSchema } from '../subscriptions.js';

export const listSubscriptions = defineAction({
  auth,
  key: 'subscriptions.list',
  title: 'List subscriptions',
  description:
    "Lists the project's subscriptions with their topic and settings (projects.subscriptions.list), a page at a time: pass nextPageToken back as pageToken.",
  input: Type.Object({ ...pageFields }),
  output: Type.Object({
    subscriptions: Type.Array(subscriptionSchema, { description: 'Subscriptions on this page' }),
    nextPageToken: Type.Optional(
      Type.String({ description: 'Pass as pageToken for the next page; absent on the last page' }),
    ),
  }),
  examples: [{ input: {} }],
  async run({ input, auth, ctx }) {
    const { data } = await withPubSub(auth, ctx, (pubsub) =>
      pubsub.http.get<{ subscriptions?: Subscription[]; nextPageToken?: string }>(
        `/projects/${pubsub.project()}/subscriptions`,
        {
          query: { pageSize: input.pageSize, pageToken: input.pageToken },
        },
      ),
    );
    return {
      subscriptions: (data.subscriptions ?? []).map(subscriptionOf),
      ...(data.nextPageToken ? { nextPageToken: data.nextPageToken } : {}),
    };
  },
});
