import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { inMailbox, refused, withImap } from '../client.js';
import { mailboxField, uidsField, uidValidityField } from '../schemas.js';

export const moveMessages = defineAction({
  auth,
  key: 'messages.move',
  title: 'Move messages',
  description:
    'Moves messages to another mailbox (IMAP MOVE, or COPY and expunge where the server lacks MOVE), and gives the UIDs they got there where the server reports them (UIDPLUS).',
  input: Type.Object({
    mailbox: mailboxField('Mailbox the messages are in, e.g. INBOX'),
    uids: uidsField,
    uidValidity: uidValidityField,
    destination: Type.String({ minLength: 1, description: 'Mailbox to move them to, e.g. Archive or Processed/2025' }),
  }),
  output: Type.Object({
    moved: Type.Array(
      Type.Object({
        uid: Type.Integer({ description: 'UID in the source mailbox' }),
        newUid: Type.Union([Type.Integer(), Type.Null()], {
          description: 'UID in the destination, null when the server does not say',
        }),
      }),
      { description: 'Messages moved' },
    ),
    destinationUidValidity: Type.Union([Type.Integer(), Type.Null()], {
      description: "The destination's UIDVALIDITY, when reported",
    }),
  }),
  examples: [{ title: 'Archive processed mail', input: { mailbox: 'INBOX', uids: [1], destination: 'Archive' } }],
  async run({ input, auth, ctx }) {
    const actionKey = ctx.actionKey;
    return withImap(auth, ctx, (client) =>
      inMailbox(
        client,
        input.mailbox,
        { readOnly: false, expectedUidValidity: input.uidValidity, actionKey },
        async () => {
          const present = (await client.search({ uid: input.uids.join(',') }, { uid: true })) || [];
          const missing = input.uids.filter((uid) => !present.includes(uid));
          if (missing.length > 0) {
            throw new ConnectorError(
              `${input.mailbox} has no message with UID ${missing.join(', ')}`,
              { kind: 'not_found', actionKey },
              'Nothing was moved; search the mailbox again for current UIDs.',
            );
          }
          const result = await client.messageMove(input.uids.join(','), input.destination, { uid: true });
          if (!result) throw refused(`move the messages to ${input.destination}`, input.mailbox, actionKey);
          const map = result.uidMap;
          return {
            moved: input.uids.map((uid) => ({ uid, newUid: map?.get(uid) ?? null })),
            destinationUidValidity: result.uidValidity === undefined ? null : Number(result.uidValidity),
          };
        },
      ),
    );
  },
});
