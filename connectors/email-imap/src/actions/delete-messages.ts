import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { inMailbox, refused, withImap } from '../client.js';
import { mailboxField, uidsField, uidValidityField } from '../schemas.js';

export const deleteMessages = defineAction({
  auth,
  key: 'messages.delete',
  title: 'Delete messages',
  description:
    'Deletes messages: moves them to the Trash mailbox (the one marked \\Trash) by default, or with permanent set marks them \\Deleted and expunges them at once (only those UIDs, with UIDPLUS).',
  input: Type.Object({
    mailbox: mailboxField(),
    uids: uidsField,
    uidValidity: uidValidityField,
    permanent: Type.Boolean({
      default: false,
      description:
        'Expunge instead of moving to Trash; also what happens when the account has no Trash, or the messages are in it',
    }),
  }),
  output: Type.Object({
    deleted: Type.Array(Type.Integer(), { description: 'UIDs deleted (those that existed)' }),
    movedTo: Type.Union([Type.String(), Type.Null()], {
      description: 'Trash mailbox they went to, or null when expunged',
    }),
  }),
  examples: [{ title: 'Move to Trash', input: { mailbox: 'INBOX', uids: [1] } }],
  async run({ input, auth, ctx }) {
    const actionKey = ctx.actionKey;
    return withImap(auth, ctx, async (client) => {
      const trash = input.permanent
        ? undefined
        : (await client.list()).find((mailbox) => mailbox.specialUse === '\\Trash');
      const target = trash && trash.path !== input.mailbox ? trash.path : null;
      return inMailbox(
        client,
        input.mailbox,
        { readOnly: false, expectedUidValidity: input.uidValidity, actionKey },
        async () => {
          const range = input.uids.join(',');
          const present = ((await client.search({ uid: range }, { uid: true })) || []).sort((a, b) => a - b);
          if (present.length === 0) return { deleted: [], movedTo: target };
          const existing = present.join(',');
          // imapflow answers false, not an error, when the server refuses the MOVE, STORE or EXPUNGE.
          const done = target
            ? await client.messageMove(existing, target, { uid: true })
            : await client.messageDelete(existing, { uid: true });
          if (!done) {
            throw refused(target ? `move the messages to ${target}` : 'expunge the messages', input.mailbox, actionKey);
          }
          return { deleted: present, movedTo: target };
        },
      );
    });
  },
});
