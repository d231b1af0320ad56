import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { bytesOf, encodingField } from '@mova/sdk/content';
import type { MailDataRequired } from '@sendgrid/mail';
import { auth } from '../auth.js';
import { mailService } from '../client.js';
import { sendgridErrors } from '../errors.js';

const address = (description: string) =>
  Type.String({ minLength: 3, description: `${description}: an address, or "Name <address>"` });
const addresses = (description: string) => Type.Array(address('A recipient'), { maxItems: 1000, description });

export const sendEmail = defineAction({
  auth,
  key: 'mail.send',
  title: 'Send an email',
  description:
    'Sends an email with the v3 Mail Send API: a subject with text and/or HTML, or a dynamic template (d-…) filled with dynamic data; attachments, categories, custom arguments, an unsubscribe group and a scheduled send time. SendGrid accepts it for delivery (202) and gives its message ID.',
  input: Type.Object({
    from: address('Sender, a verified sender or domain'),
    to: addresses('Recipients'),
    cc: Type.Optional(addresses('Copy recipients')),
    bcc: Type.Optional(addresses('Blind copy recipients')),
    replyTo: Type.Optional(address('Where replies go')),
    subject: Type.Optional(Type.String({ description: 'Subject; a dynamic template sets its own' })),
    text: Type.Optional(Type.String({ description: 'Plain-text body' })),
    html: Type.Optional(Type.String({ description: 'HTML body' })),
    templateId: Type.Optional(
      Type.String({
        pattern: '^d-[0-9a-f]{32}$',
        description: 'Dynamic template ID (d-…) to render instead of text and html',
      }),
    ),
    dynamicTemplateData: Type.Optional(
      Type.Record(Type.String(), Type.Unknown(), {
        description: 'Data the dynamic template renders (Handlebars), e.g. {"name": "Ada", "items": [...]}',
      }),
    ),
    separateRecipients: Type.Boolean({
      default: false,
      description: 'Send each "to" recipient their own copy (one personalization each), so no one sees the others',
    }),
    attachments: Type.Optional(
      Type.Array(
        Type.Object({
          filename: Type.String({ minLength: 1, description: 'File name, e.g. invoice.pdf' }),
          content: Type.String({ description: 'The file: text, or base64 when encoding is "base64"' }),
          encoding: encodingField('"text" attaches content as UTF-8; "base64" takes it as base64 bytes'),
          contentType: Type.Optional(Type.String({ minLength: 1, description: 'MIME type, e.g. application/pdf' })),
          contentId: Type.Optional(
            Type.String({
              minLength: 1,
              description: 'Content ID for an inline image (cid: in the HTML); makes it inline',
            }),
          ),
        }),
        { description: 'Files to attach (30 MB for the whole message)' },
      ),
    ),
    categories: Type.Optional(
      Type.Array(Type.String({ minLength: 1, maxLength: 255 }), {
        maxItems: 10,
        description: 'Categories for statistics (up to 10)',
      }),
    ),
    customArgs: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Custom arguments, echoed in the Event Webhook, e.g. {"orderId": "7"}',
      }),
    ),
    headers: Type.Optional(
      Type.Record(Type.String({ pattern: '^[A-Za-z0-9-]+$' }), Type.String(), { description: 'Extra headers' }),
    ),
    sendAt: Type.Optional(
      Type.String({ format: 'date-time', description: 'When to send, up to 72 hours ahead (default: now)' }),
    ),
    asmGroupId: Type.Optional(Type.Integer({ minimum: 1, description: 'Unsubscribe group this email belongs to' })),
    sandboxMode: Type.Boolean({
      default: false,
      description: 'Validate the request without sending anything (mail_settings.sandbox_mode)',
    }),
  }),
  output: Type.Object({
    statusCode: Type.Integer({ description: '202 when accepted for delivery, 200 in sandbox mode' }),
    messageId: Type.Union([Type.String(), Type.Null()], {
      description: 'X-Message-Id: the ID that starts each sg_message_id in the Event Webhook and Activity',
    }),
  }),
  examples: [
    {
      title: 'Order confirmation from a dynamic template',
      input: {
        from: 'Shop <orders@example.com>',
        to: ['ada@example.net'],
        templateId: 'd-8e4f0a9b1c2d3e4f5a6b7c8d9e0f1a2b',
        dynamicTemplateData: { name: 'Ada', order: { id: '7', total: '42.50' } },
        categories: ['orders'],
        customArgs: { orderId: '7' },
      },
    },
    {
      title: 'Plain email with an attachment',
      input: {
        from: 'billing@example.com',
        to: ['ada@example.net'],
        subject: 'Invoice INV-7',
        text: 'Your invoice is attached.',
        attachments: [
          { filename: 'INV-7.csv', content: 'id,total\n7,42.50\n', encoding: 'text', contentType: 'text/csv' },
        ],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const actionKey = ctx.actionKey;
    if (!input.templateId && !input.subject) {
      throw new ConnectorError(
        'the email has no subject',
        { kind: 'invalid_input', actionKey },
        'Give subject, or a templateId that sets one.',
      );
    }
    const common = {
      from: input.from,
      to: input.to,
      ...(input.cc ? { cc: input.cc } : {}),
      ...(input.bcc ? { bcc: input.bcc } : {}),
      ...(input.replyTo ? { replyTo: input.replyTo } : {}),
      ...(input.subject !== undefined ? { subject: input.subject } : {}),
      ...(input.dynamicTemplateData ? { dynamicTemplateData: input.dynamicTemplateData } : {}),
      ...(input.attachments ? { attachments: input.attachments.map((file) => attachmentOf(file, actionKey)) } : {}),
      ...(input.categories ? { categories: input.categories } : {}),
      ...(input.customArgs ? { customArgs: input.customArgs } : {}),
      ...(input.headers ? { headers: input.headers } : {}),
      ...(input.sendAt ? { sendAt: Math.floor(Date.parse(input.sendAt) / 1000) } : {}),
      ...(input.asmGroupId ? { asm: { groupId: input.asmGroupId } } : {}),
      ...(input.sandboxMode ? { mailSettings: { sandboxMode: { enable: true } } } : {}),
    };
    // text/plain first, as Mail Send requires.
    const parts = [
      ...(input.text !== undefined ? [{ type: 'text/plain', value: input.text }] : []),
      ...(input.html !== undefined ? [{ type: 'text/html', value: input.html }] : []),
    ];
    const [first, ...rest] = parts;
    let data: MailDataRequired;
    if (input.templateId)
      data = { ...common, templateId: input.templateId, ...(first ? { content: [first, ...rest] } : {}) };
    else if (first) data = { ...common, content: [first, ...rest] };
    else
      throw new ConnectorError(
        'the email has no content',
        { kind: 'invalid_input', actionKey },
        'Give text, html or templateId.',
      );
    const [response] = await sendgridErrors.call(actionKey, () =>
      mailService(auth).send(data, input.separateRecipients),
    );
    const messageId = response.headers['x-message-id'];
    return { statusCode: response.statusCode, messageId: typeof messageId === 'string' ? messageId : null };
  },
});

interface AttachmentJson {
  filename: string;
  content: string;
  type?: string;
  disposition: 'inline' | 'attachment';
  content_id?: string;
}

/**
 * An attachment as Mail Send's JSON has it. content_id is given in its JSON name: the helpers
 * turn the request's keys to snake_case but do not descend into arrays, so a `contentId` would
 * reach the API unconverted and an inline image would be refused.
 */
function attachmentOf(
  file: { filename: string; content: string; encoding: 'text' | 'base64'; contentType?: string; contentId?: string },
  actionKey: string,
): AttachmentJson {
  return {
    filename: file.filename,
    content: bytesOf(file.content, file.encoding, actionKey).toString('base64'),
    ...(file.contentType ? { type: file.contentType } : {}),
    ...(file.contentId ? { content_id: file.contentId, disposition: 'inline' } : { disposition: 'attachment' }),
  };
}
