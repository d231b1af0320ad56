import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { messageOf, messageSchema, type RawMessage } from '../mail.js';
import { idField, mailboxField, root } from '../mailbox.js';

export const moveMail = defineAction({
  auth,
  key: 'mail.move',
  title: 'Move an email',
  description:
    'Moves a message to another folder (archive, deleteditems, a folder id …). Outlook gives the moved message a new id, which the output carries.',
  input: Type.Object({
    messageId: idField('Message to move'),
    destination: Type.String({
      minLength: 1,
      description: 'Folder to move it to: a well-known name (inbox, archive, deleteditems, junkemail …) or a folder id',
    }),
    mailbox: mailboxField,
  }),
  output: messageSchema,
  examples: [
    {
      input: {
        messageId:
          'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZDAAA=',
        destination: 'archive',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const moved: RawMessage = await withGraph(auth, ctx, (graph) =>
      graph
        .api(`${root(input.mailbox)}/messages/${encodeURIComponent(input.messageId)}/move`)
        .post({ destinationId: input.destination }),
    );
    return messageOf(moved);
  },
});
