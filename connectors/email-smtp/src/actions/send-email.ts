import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { bytesOf } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withSmtp } from '../client.js';
import { addressList, attachmentField, sentFields, sentOutput } from '../schemas.js';

export const sendEmail = defineAction({
  auth,
  key: 'email.send',
  title: 'Send an email',
  description:
    'Sends an email through the SMTP server: plain text and/or HTML body, attachments and inline images, cc and bcc, reply-to and custom headers. The server may accept some recipients and refuse others; the step fails only when it accepts none.',
  input: Type.Object({
    from: Type.String({
      minLength: 3,
      description: 'Sender, e.g. "Orders <orders@example.com>"; the server may require the logged-in address',
    }),
    to: addressList('Recipients'),
    cc: Type.Optional(addressList('Copy recipients')),
    bcc: Type.Optional(addressList('Blind copy recipients (not shown in the headers)')),
    replyTo: Type.Optional(Type.String({ minLength: 3, description: 'Address replies should go to (Reply-To)' })),
    subject: Type.String({ description: 'Subject line' }),
    text: Type.Optional(Type.String({ description: 'Plain-text body' })),
    html: Type.Optional(
      Type.String({ description: 'HTML body; with text too, the message carries both (multipart/alternative)' }),
    ),
    attachments: Type.Optional(Type.Array(attachmentField, { description: 'Files to attach' })),
    headers: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]+$' }), Type.String(), {
        description: 'Extra headers, e.g. {"X-Campaign": "spring"}',
      }),
    ),
    inReplyTo: Type.Optional(
      Type.String({ minLength: 1, description: 'Message-ID this message answers (In-Reply-To), for threading' }),
    ),
    references: Type.Optional(
      Type.Array(Type.String({ minLength: 1 }), { description: 'Message-IDs of the thread (References)' }),
    ),
    priority: Type.Optional(
      Type.Union([Type.Literal('high'), Type.Literal('normal'), Type.Literal('low')], {
        description: 'Importance headers to set (X-Priority, Importance)',
      }),
    ),
  }),
  output: Type.Object(sentFields),
  examples: [
    {
      title: 'Send an invoice with a PDF attached',
      input: {
        from: 'Billing <billing@example.com>',
        to: ['ada@example.net'],
        cc: ['accounts@example.net'],
        replyTo: 'support@example.com',
        subject: 'Your invoice INV-1001',
        text: 'Hello Ada,\n\nyour invoice is attached.\n',
        html: '<p>Hello Ada,</p><p>your invoice is attached.</p>',
        attachments: [
          {
            filename: 'INV-1001.pdf',
            content: 'JVBERi0xLjQKJcfsj6IK',
            encoding: 'base64',
            contentType: 'application/pdf',
          },
        ],
        headers: { 'X-Invoice': 'INV-1001' },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    if (input.text === undefined && input.html === undefined) {
      throw new ConnectorError(
        'the email has no body',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        'Give text, html or both.',
      );
    }
    const attachments = (input.attachments ?? []).map((file) => ({
      filename: file.filename,
      content: bytesOf(file.content, file.encoding, ctx.actionKey),
      ...(file.contentType ? { contentType: file.contentType } : {}),
      ...(file.contentId ? { cid: file.contentId } : {}),
    }));
    const info = await withSmtp(auth, ctx, (transporter) =>
      transporter.sendMail({
        from: input.from,
        to: input.to,
        cc: input.cc,
        bcc: input.bcc,
        replyTo: input.replyTo,
        subject: input.subject,
        text: input.text,
        html: input.html,
        attachments,
        headers: input.headers,
        inReplyTo: input.inReplyTo,
        references: input.references,
        priority: input.priority,
      }),
    );
    return sentOutput(info);
  },
});
