import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { messageOf, messageSchema, type RawMessage } from '../mail.js';
import { idField, mailboxField, root } from '../mailbox.js';

export const getMail = defineAction({
  auth,
  key: 'mail.get',
  title: 'Get an email',
  description: 'Reads one message with its full body, as HTML or as text.',
  input: Type.Object({
    messageId: idField('Message to read'),
    bodyType: Type.Optional(
      Type.Union([Type.Literal('html'), Type.Literal('text')], {
        description: 'Body as html (as stored, the default) or text (Outlook converts it)',
      }),
    ),
    mailbox: mailboxField,
  }),
  output: messageSchema,
  examples: [
    {
      input: {
        messageId:
          'AAMkAGVmMDEzMTM4LTZmYWUtNDdkNC1hMDZiLTU1OGY5OTZhYmY4OABGAAAAAAAiQ8W967B7TKBjgx9rVEURBwAiIsqMbYjsT5e-T7KzowPTAAAAAAEMAAAiIsqMbYjsT5e-T7KzowPTAAAYbvZDAAA=',
        bodyType: 'text',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const message: RawMessage = await withGraph(auth, ctx, (graph) => {
      const request = graph.api(`${root(input.mailbox)}/messages/${encodeURIComponent(input.messageId)}`);
      return (
        input.bodyType ? request.header('Prefer', `outlook.body-content-type="${input.bodyType}"`) : request
      ).get();
    });
    return messageOf(message, true);
  },
});
