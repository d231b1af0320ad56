import { defineAction, Type } from '@mova/sdk';
import { bytesOf, encodingField } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withImap } from '../client.js';
import { flagsField, mailboxField } from '../schemas.js';

export const appendMessage = defineAction({
  auth,
  key: 'messages.append',
  title: 'Add a message to a mailbox',
  description:
    'Stores a complete message (RFC 5322) in a mailbox with IMAP APPEND: keep a copy of a message sent over SMTP in Sent, save a draft to Drafts, or import an .eml.',
  input: Type.Object({
    mailbox: mailboxField('Mailbox to store it in, e.g. Sent or Drafts'),
    message: Type.String({ minLength: 1, description: 'The whole message: headers, a blank line, then the body' }),
    encoding: encodingField('"text" stores message as it is; "base64" decodes it first (an .eml read as bytes)'),
    flags: Type.Optional(flagsField('Flags to give it, e.g. ["\\\\Seen"] for Sent, ["\\\\Draft"] for Drafts')),
    receivedAt: Type.Optional(
      Type.String({
        format: 'date-time',
        description: 'Internal date to give it (default: now, as the server sets it)',
      }),
    ),
  }),
  output: Type.Object({
    mailbox: Type.String({ description: 'Mailbox it was stored in' }),
    uid: Type.Union([Type.Integer(), Type.Null()], { description: 'UID it got, when the server reports it (UIDPLUS)' }),
    uidValidity: Type.Union([Type.Integer(), Type.Null()], { description: "The mailbox's UIDVALIDITY, when reported" }),
  }),
  examples: [
    {
      title: 'Keep a copy in Sent',
      input: {
        mailbox: 'Sent',
        message: 'From: me@example.com\r\nTo: ada@example.net\r\nSubject: Hello\r\n\r\nHi Ada!\r\n',
        encoding: 'text',
        flags: ['\\Seen'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const raw = bytesOf(input.message, input.encoding, ctx.actionKey);
    const result = await withImap(auth, ctx, (client) =>
      client.append(input.mailbox, raw, input.flags ?? [], input.receivedAt ? new Date(input.receivedAt) : undefined),
    );
    return {
      mailbox: input.mailbox,
      uid: result && typeof result.uid === 'number' ? result.uid : null,
      uidValidity: result && result.uidValidity !== undefined ? Number(result.uidValidity) : null,
    };
  },
});
