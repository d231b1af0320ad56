import { type Static, Type } from '@mova/sdk';
import { googleConnectionFields } from '@mova/sdk/google';

export const PUBSUB_API_ROOT = 'https://pubsub.googleapis.com';

/** A service account key or a Google user's OAuth tokens, and the project whose topics are used. */
export const connectionFields = googleConnectionFields({
  api: { name: 'Pub/Sub API', default: PUBSUB_API_ROOT },
  fields: {
    projectId: Type.Optional(
      Type.String({
        pattern: '^[a-z][a-z0-9-]{4,28}[a-z0-9]$',
        description:
          "Project whose topics and subscriptions short names refer to; defaults to the service account key's project_id.",
      }),
    ),
  },
});

export type PubSubConnection = Static<typeof connectionFields>;
