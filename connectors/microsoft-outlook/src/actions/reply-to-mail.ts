import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { idField, mailboxField, root } from '../mailbox.js';

export const replyToMail = defineAction({
  auth,
  key: 'mail.reply',
  title: 'Reply to an email',
  description:
    'Replies to a message, to its sender or to everyone on it (reply / replyAll): the comment goes above the quoted original, and the reply is kept in Sent Items.',
  input: Type.Object({
    messageId: idField('Message to reply to'),
    comment: Type.String({ minLength: 1, description: 'Reply text (HTML allowed), placed above the original' }),
    replyAll: Type.Boolean({
      default: false,
      description: 'Reply to the sender and every recipient (default: the sender only)',
    }),
    mailbox: mailboxField,
  }),
  output: Type.Object({
    sent: Type.Boolean({ description: 'True once Graph accepted the reply for delivery (202)' }),
  }),
  examples: [
    {
      input: {
        messageId:
          'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZDAAA=',
        comment: 'Thanks, received.',
      },
      output: { sent: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const action = input.replyAll ? 'replyAll' : 'reply';
    await withGraph(auth, ctx, (graph) =>
      graph
        .api(`${root(input.mailbox)}/messages/${encodeURIComponent(input.messageId)}/${action}`)
        .post({ comment: input.comment }),
    );
    return { sent: true };
  },
});
