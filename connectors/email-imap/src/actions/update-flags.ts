import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { inMailbox, refused, withImap } from '../client.js';
import { flagsField, flagsOf, mailboxField, uidsField, uidValidityField } from '../schemas.js';

export const updateFlags = defineAction({
  auth,
  key: 'messages.updateFlags',
  title: 'Flag or unflag messages',
  description:
    "Adds and removes flags on messages: mark read or unread (\\Seen), flag or unflag (\\Flagged, a star in most clients), answered (\\Answered), or keywords such as $Label1 where the server allows them. Gives each message's flags afterwards.",
  input: Type.Object({
    mailbox: mailboxField(),
    uids: uidsField,
    uidValidity: uidValidityField,
    add: Type.Optional(flagsField('Flags to set, e.g. ["\\\\Seen"] to mark read, ["\\\\Flagged"] to flag')),
    remove: Type.Optional(flagsField('Flags to clear, e.g. ["\\\\Seen"] to mark unread')),
  }),
  output: Type.Object({
    messages: Type.Array(
      Type.Object({
        uid: Type.Integer({ description: 'Message UID' }),
        flags: Type.Array(Type.String(), { description: 'Its flags after the change' }),
      }),
      { description: 'The messages changed, with their flags now' },
    ),
  }),
  examples: [{ title: 'Mark as read and flag', input: { mailbox: 'INBOX', uids: [1], add: ['\\Seen', '\\Flagged'] } }],
  async run({ input, auth, ctx }) {
    const actionKey = ctx.actionKey;
    if (!input.add?.length && !input.remove?.length) {
      throw new ConnectorError(
        'no flags to add or remove',
        { kind: 'invalid_input', actionKey },
        'Give add, remove or both.',
      );
    }
    return withImap(auth, ctx, (client) =>
      inMailbox(
        client,
        input.mailbox,
        { readOnly: false, expectedUidValidity: input.uidValidity, actionKey },
        async () => {
          const range = input.uids.join(',');
          // imapflow answers false, not an error, when the server refuses a STORE.
          if (input.add?.length && !(await client.messageFlagsAdd(range, input.add, { uid: true }))) {
            throw refused('add the flags', input.mailbox, actionKey);
          }
          if (input.remove?.length && !(await client.messageFlagsRemove(range, input.remove, { uid: true }))) {
            throw refused('remove the flags', input.mailbox, actionKey);
          }
          const messages: { uid: number; flags: string[] }[] = [];
          for await (const message of client.fetch(range, { uid: true, flags: true }, { uid: true })) {
            messages.push({ uid: message.uid, flags: flagsOf(message.flags) });
          }
          const missing = input.uids.filter((uid) => !messages.some((message) => message.uid === uid));
          if (missing.length === input.uids.length) {
            throw new ConnectorError(
              `${input.mailbox} has no message with UID ${missing.join(', ')}`,
              { kind: 'not_found', actionKey },
              'Search the mailbox again for current UIDs.',
            );
          }
          return { messages: messages.sort((a, b) => a.uid - b.uid) };
        },
      ),
    );
  },
});
