import { defineTrigger, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { inMailbox, withImap } from '../client.js';
import {
  criteriaFields,
  mailboxField,
  SUMMARY_QUERY,
  type Summary,
  searchOf,
  summaryOf,
  summarySchema,
} from '../schemas.js';

export const newMessage = defineTrigger({
  auth,
  kind: 'polling',
  key: 'messages.new',
  title: 'New message',
  description:
    'Starts a workflow for each new message in a mailbox (optionally only those matching search criteria, e.g. unseen or from a sender). Each poll reads the newest messages by UID; a message is emitted once, known by UIDVALIDITY and UID, so a renumbered mailbox is never mistaken for an old one. Use messages.get for bodies and attachments.',
  input: Type.Object({
    mailbox: mailboxField('Mailbox to watch, e.g. INBOX'),
    ...criteriaFields,
    limit: Type.Integer({
      minimum: 1,
      maximum: 500,
      default: 50,
      description: 'Newest messages read per poll (default 50); more new ones than this between two polls are missed',
    }),
  }),
  output: Type.Object({
    id: Type.String({ description: 'UIDVALIDITY:UID, unique for the message in this mailbox' }),
    ...summarySchema.properties,
  }),
  dedupe: { by: 'id', field: 'id' },
  examples: [
    {
      title: 'New unread mail from a supplier',
      input: { mailbox: 'INBOX', from: 'orders@supplier.example', unseen: true },
    },
  ],
  async poll({ input, auth, ctx }) {
    const { mailbox, limit, ...criteria } = input;
    return withImap(auth, ctx, (client) =>
      inMailbox(client, mailbox, { readOnly: true }, async (uidValidity) => {
        const found = (await client.search(searchOf(criteria), { uid: true })) || [];
        const newest = found.sort((a, b) => a - b).slice(-limit);
        const messages: Summary[] = [];
        if (newest.length > 0) {
          for await (const message of client.fetch(newest.join(','), SUMMARY_QUERY, { uid: true })) {
            messages.push(summaryOf(message, mailbox, uidValidity));
          }
        }
        // Oldest first, so the workflow runs in the order mail arrived.
        return messages
          .sort((a, b) => a.uid - b.uid)
          .map((message) => ({ id: `${uidValidity}:${message.uid}`, ...message }));
      }),
    );
  },
});
