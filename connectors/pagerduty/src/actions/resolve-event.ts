import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendEvent } from '../events.js';
import { dedupKeyField, eventResultSchema, routingKeyField } from '../schemas.js';

export const resolveEvent = defineAction({
  auth,
  key: 'events.resolve',
  title: 'Resolve an alert',
  description:
    'Sends a resolve event for an alert (by its dedup key) through the Events API v2: the alert, and its incident when it has no other open alerts, is resolved.',
  input: Type.Object({ routingKey: routingKeyField, dedupKey: dedupKeyField() }),
  output: eventResultSchema,
  examples: [
    {
      input: { dedupKey: 'prod-db-01/replication-lag' },
      output: { status: 'success', message: 'Event processed', dedupKey: 'prod-db-01/replication-lag' },
    },
  ],
  async run({ input, auth, ctx }) {
    return sendEvent(auth, ctx, input.routingKey, { event_action: 'resolve', dedup_key: input.dedupKey });
  },
});
