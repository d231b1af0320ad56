import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withGraph } from '../client.js';
import { attachmentsField, bodyTypeField, fileAttachmentsOf, recipientsField, recipientsOf } from '../mail.js';
import { mailboxField, root } from '../mailbox.js';

export const sendMail = defineAction({
  auth,
  key: 'mail.send',
  title: 'Send an email',
  description:
    'Sends an email from the mailbox (sendMail): to, cc and bcc recipients, text or HTML body, importance, reply-to addresses and file attachments; a copy is kept in Sent Items unless asked otherwise.',
  input: Type.Object({
    to: recipientsField('To recipients: addresses, or { address, name }'),
    cc: Type.Optional(recipientsField('Cc recipients')),
    bcc: Type.Optional(recipientsField('Bcc recipients')),
    subject: Type.String({ maxLength: 255, description: 'Subject' }),
    body: Type.String({ description: 'Body, as HTML or text (see bodyType)' }),
    bodyType: bodyTypeField,
    importance: Type.Optional(
      Type.Union([Type.Literal('low'), Type.Literal('normal'), Type.Literal('high')], {
        description: 'low, normal (default) or high',
      }),
    ),
    replyTo: Type.Optional(recipientsField('Addresses replies should go to, instead of the sender')),
    attachments: attachmentsField,
    saveToSentItems: Type.Boolean({ default: true, description: 'Keep a copy in Sent Items (default true)' }),
    mailbox: mailboxField,
  }),
  output: Type.Object({
    sent: Type.Boolean({ description: 'True once Graph accepted the message for delivery (202)' }),
  }),
  examples: [
    {
      title: 'Report with an attachment',
      input: {
        to: ['megan@contoso.com', { address: 'alex@contoso.com', name: 'Alex Wilber' }],
        subject: 'Weekly report',
        body: '<p>This week’s numbers are attached.</p>',
        attachments: [
          { name: 'report.csv', content: 'week,total\n49,1200\n', encoding: 'text', contentType: 'text/csv' },
        ],
      },
      output: { sent: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const message = {
      subject: input.subject,
      body: { contentType: input.bodyType ?? 'html', content: input.body },
      toRecipients: recipientsOf(input.to),
      ccRecipients: recipientsOf(input.cc),
      bccRecipients: recipientsOf(input.bcc),
      ...(input.replyTo ? { replyTo: recipientsOf(input.replyTo) } : {}),
      ...(input.importance ? { importance: input.importance } : {}),
      ...(input.attachments?.length ? { attachments: fileAttachmentsOf(input.attachments, ctx.actionKey) } : {}),
    };
    await withGraph(auth, ctx, (graph) =>
      graph.api(`${root(input.mailbox)}/sendMail`).post({ message, saveToSentItems: input.saveToSentItems }),
    );
    return { sent: true };
  },
});
