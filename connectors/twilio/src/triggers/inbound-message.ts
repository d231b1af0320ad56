import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTwilio } from '../client.js';
import { addressField, messageOf, messageSchema } from '../schemas.js';

export const inboundMessage = defineTrigger({
  auth,
  kind: 'polling',
  key: 'messages.inbound',
  title: 'New inbound message',
  description:
    'Starts a workflow for each SMS, MMS or WhatsApp message received, optionally only those sent to one of your numbers. Each poll reads the newest messages (Messages list, newest first) and emits the inbound ones not emitted before, by SID.',
  input: Type.Object({
    to: Type.Optional(
      addressField('Only messages to this number of yours, e.g. +15017122661 or whatsapp:+14155238886'),
    ),
    from: Type.Optional(addressField('Only messages from this number')),
    limit: Type.Integer({
      minimum: 1,
      maximum: 1000,
      default: 100,
      description: 'Newest messages read per poll (default 100); more new ones than this between two polls are missed',
    }),
  }),
  output: messageSchema,
  dedupe: { by: 'id', field: 'sid' },
  examples: [{ title: 'Replies to our number', input: { to: '+15017122661' } }],
  async poll({ input, auth, ctx }) {
    const page = await withTwilio(auth, ctx, (client) =>
      client.messages.page({
        pageSize: input.limit,
        ...(input.to ? { to: input.to } : {}),
        ...(input.from ? { from: input.from } : {}),
      }),
    );
    // The list has outbound messages too, and no direction filter. Oldest first, in arrival order.
    return page.instances
      .filter((message) => message.direction === 'inbound')
      .map(messageOf)
      .reverse();
  },
});
