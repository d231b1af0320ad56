import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withImap } from '../client.js';

export const listMailboxes = defineAction({
  auth,
  key: 'mailboxes.list',
  title: 'List mailboxes',
  description:
    'Lists the mailboxes (folders) of the account with their special use (\\Sent, \\Trash, \\Junk…), and optionally how many messages and unread messages each holds (IMAP LIST and STATUS).',
  input: Type.Object({
    withCounts: Type.Boolean({
      default: false,
      description: 'Also read message, unread and UIDNEXT counts of each mailbox (one STATUS per mailbox)',
    }),
  }),
  output: Type.Object({
    mailboxes: Type.Array(
      Type.Object({
        path: Type.String({ description: 'Full path, what other actions take as mailbox, e.g. Archive/2025' }),
        name: Type.String({ description: 'Last part of the path' }),
        delimiter: Type.String({ description: 'Hierarchy delimiter, e.g. / or .' }),
        specialUse: Type.String({
          description:
            'Special use (RFC 6154): \\Inbox, \\Sent, \\Drafts, \\Trash, \\Junk, \\Archive, \\All, \\Flagged, or empty',
        }),
        flags: Type.Array(Type.String(), { description: 'Mailbox attributes, e.g. \\HasChildren, \\Noselect' }),
        subscribed: Type.Boolean({ description: 'Whether the account is subscribed to it' }),
        messages: Type.Optional(Type.Integer({ description: 'Messages in it (withCounts)' })),
        unseen: Type.Optional(Type.Integer({ description: 'Unread messages in it (withCounts)' })),
        uidNext: Type.Optional(Type.Integer({ description: 'UID the next message will get (withCounts)' })),
        uidValidity: Type.Optional(Type.Integer({ description: 'UIDVALIDITY (withCounts)' })),
      }),
      { description: 'The mailboxes, in the order the server lists them' },
    ),
  }),
  examples: [{ title: 'Folders with unread counts', input: { withCounts: true } }],
  async run({ input, auth, ctx }) {
    const listed = await withImap(auth, ctx, (client) =>
      client.list(
        input.withCounts ? { statusQuery: { messages: true, unseen: true, uidNext: true, uidValidity: true } } : {},
      ),
    );
    return {
      mailboxes: listed.map((mailbox) => ({
        path: mailbox.path,
        name: mailbox.name,
        delimiter: mailbox.delimiter ?? '',
        specialUse: mailbox.specialUse ?? '',
        flags: [...mailbox.flags],
        subscribed: mailbox.subscribed ?? false,
        ...(mailbox.status
          ? {
              messages: mailbox.status.messages,
              unseen: mailbox.status.unseen,
              uidNext: mailbox.status.uidNext,
              uidValidity: mailbox.status.uidValidity === undefined ? undefined : Number(mailbox.status.uidValidity),
            }
          : {}),
      })),
    };
  },
});
