import { defineAction, Type } from '@mova/sdk';
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

export const searchMessages = defineAction({
  auth,
  key: 'messages.search',
  title: 'Search messages',
  description:
    "Finds messages in a mailbox by sender, recipient, subject, text, dates, size, headers and flags (IMAP UID SEARCH), newest first, and gives each one's envelope, flags and size. Page with beforeUid: each answer gives the next one.",
  input: Type.Object({
    mailbox: mailboxField(),
    ...criteriaFields,
    limit: Type.Integer({ minimum: 1, maximum: 500, default: 50, description: 'Most messages to return (default 50)' }),
    beforeUid: Type.Optional(
      Type.Integer({ minimum: 1, description: 'Only messages with a lower UID: nextBeforeUid of the previous page' }),
    ),
  }),
  output: Type.Object({
    messages: Type.Array(summarySchema, { description: 'Matching messages, newest (highest UID) first' }),
    total: Type.Integer({ description: 'How many messages match in all (before limit and beforeUid)' }),
    nextBeforeUid: Type.Union([Type.Integer(), Type.Null()], {
      description: 'beforeUid for the next page, or null when this page is the last',
    }),
    uidValidity: Type.Integer({ description: "The mailbox's UIDVALIDITY; UIDs from another value are stale" }),
  }),
  examples: [
    {
      title: 'Unread invoices since March',
      input: { mailbox: 'INBOX', subject: 'invoice', unseen: true, since: '2025-03-01', limit: 20 },
    },
  ],
  async run({ input, auth, ctx }) {
    const { mailbox, limit, beforeUid, ...criteria } = input;
    return withImap(auth, ctx, (client) =>
      inMailbox(client, mailbox, { readOnly: true }, async (uidValidity) => {
        const found = (await client.search(searchOf(criteria), { uid: true })) || [];
        const uids = found.sort((a, b) => b - a);
        const pending = beforeUid === undefined ? uids : uids.filter((uid) => uid < beforeUid);
        const page = pending.slice(0, limit);
        const messages: Summary[] = [];
        if (page.length > 0) {
          for await (const message of client.fetch(page.join(','), SUMMARY_QUERY, { uid: true })) {
            messages.push(summaryOf(message, mailbox, uidValidity));
          }
        }
        messages.sort((a, b) => b.uid - a.uid);
        const last = page.at(-1);
        return {
          messages,
          total: uids.length,
          nextBeforeUid: pending.length > page.length && last !== undefined ? last : null,
          uidValidity,
        };
      }),
    );
  },
});
