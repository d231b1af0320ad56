import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { sendEvent } from '../events.js';
import { dedupKeyField, eventResultSchema, routingKeyField } from '../schemas.js';

export const acknowledgeEvent = defineAction({
  auth,
  key: 'events.acknowledge',
  title: 'Acknowledge an alert',
  description:
    'Sends an acknowledge event for an open alert (by its dedup key) through the Events API v2: paging stops while someone works on it.',
  input: Type.Object({ routingKey: routingKeyField, dedupKey: dedupKeyField() }),
  output: eventResultSchema,
  examples: [
    {
      input: { dedupKey: 'prod-db-01/replication-lag' },
      output: { status: 'success', message: 'Event processed', dedupKey: 'prod-db-01/replication-lag' },
    },
  ],
  async run({ input, auth, ctx }) {
    return sendEvent(auth, ctx, input.routingKey, { event_action: 'acknowledge', dedup_key: input.dedupKey });
  },
});
