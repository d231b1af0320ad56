import { type Static, Type } from '@mova/sdk';
import { bytesOf, type Encoding } from '@mova/sdk/content';

const address = Type.String({ pattern: '^[^\\s@]+@[^\\s@]+$', description: 'Email address' });

export const recipientsField = (description: string) =>
  Type.Array(
    Type.Union([
      address,
      Type.Object({
        address,
        name: Type.Optional(Type.String({ description: 'Display name' })),
      }),
    ]),
    { description },
  );

type Recipient = string | { address: string; name?: string };

/** Graph's recipient objects (emailAddress with address and optional name). */
export function recipientsOf(list: Recipient[] | undefined) {
  return (list ?? []).map((r) =>
    typeof r === 'string'
      ? { emailAddress: { address: r } }
      : { emailAddress: { address: r.address, ...(r.name ? { name: r.name } : {}) } },
  );
}

export const bodyTypeField = Type.Optional(
  Type.Union([Type.Literal('text'), Type.Literal('html')], {
    default: 'html',
    description: 'How body is read: html (default) or text',
  }),
);

export const attachmentsField = Type.Optional(
  Type.Array(
    Type.Object({
      name: Type.String({ minLength: 1, description: 'File name, e.g. report.pdf' }),
      content: Type.String({ description: 'File content, as base64 or text (see encoding)' }),
      encoding: Type.Optional(
        Type.Union([Type.Literal('base64'), Type.Literal('text')], {
          default: 'base64',
          description: 'How content is written: base64 (default) or UTF-8 text',
        }),
      ),
      contentType: Type.Optional(Type.String({ minLength: 1, description: 'MIME type, e.g. application/pdf' })),
    }),
    { description: 'Files to attach, up to 3 MB in all (Graph’s limit for attachments sent inline)' },
  ),
);

/** fileAttachment resources (learn.microsoft.com/graph/api/resources/fileattachment) for the attachments given. */
export function fileAttachmentsOf(
  attachments: { name: string; content: string; encoding?: Encoding; contentType?: string }[] | undefined,
  actionKey: string,
) {
  return (attachments ?? []).map((a) => ({
    '@odata.type': '#microsoft.graph.fileAttachment',
    name: a.name,
    contentType: a.contentType ?? (a.encoding === 'text' ? 'text/plain' : 'application/octet-stream'),
    contentBytes: bytesOf(a.content, a.encoding ?? 'base64', actionKey).toString('base64'),
  }));
}

const emailSchema = Type.Object({
  address: Type.String({ description: 'Email address' }),
  name: Type.Optional(Type.String({ description: 'Display name' })),
});

export const messageSchema = Type.Object({
  id: Type.String({ description: 'Message id (changes when the message moves to another folder)' }),
  subject: Type.String({ description: 'Subject' }),
  from: Type.Optional({ ...emailSchema, description: 'Sender' }),
  to: Type.Array(emailSchema, { description: 'To recipients' }),
  cc: Type.Array(emailSchema, { description: 'Cc recipients' }),
  receivedDateTime: Type.Optional(Type.String({ description: 'When it arrived (ISO 8601, UTC)' })),
  sentDateTime: Type.Optional(Type.String({ description: 'When it was sent (ISO 8601, UTC)' })),
  isRead: Type.Boolean({ description: 'Whether it has been read' }),
  isDraft: Type.Boolean({ description: 'Whether it is an unsent draft' }),
  hasAttachments: Type.Boolean({ description: 'Whether it has file attachments' }),
  importance: Type.String({ description: 'low, normal or high' }),
  bodyPreview: Type.String({ description: 'First 255 characters of the body, as text' }),
  conversationId: Type.Optional(Type.String({ description: 'Conversation (thread) the message belongs to' })),
  parentFolderId: Type.Optional(Type.String({ description: 'Folder the message is in' })),
  webLink: Type.Optional(Type.String({ description: 'Link that opens the message in Outlook on the web' })),
  body: Type.Optional(
    Type.Object(
      {
        contentType: Type.String({ description: 'text or html' }),
        content: Type.String({ description: 'The body' }),
      },
      { description: 'The full body (mail.get)' },
    ),
  ),
});

export type Message = Static<typeof messageSchema>;

interface RawAddress {
  emailAddress?: { address?: string; name?: string } | null;
}

/** The message resource fields (learn.microsoft.com/graph/api/resources/message) this connector reads. */
export interface RawMessage {
  id: string;
  subject?: string | null;
  from?: RawAddress | null;
  toRecipients?: RawAddress[];
  ccRecipients?: RawAddress[];
  receivedDateTime?: string | null;
  sentDateTime?: string | null;
  isRead?: boolean;
  isDraft?: boolean;
  hasAttachments?: boolean;
  importance?: string;
  bodyPreview?: string;
  conversationId?: string | null;
  parentFolderId?: string | null;
  webLink?: string | null;
  body?: { contentType: string; content: string };
}

const emailOf = (raw: RawAddress | null | undefined) =>
  raw?.emailAddress?.address
    ? { address: raw.emailAddress.address, ...(raw.emailAddress.name ? { name: raw.emailAddress.name } : {}) }
    : undefined;

export function messageOf(raw: RawMessage, withBody = false): Message {
  const from = emailOf(raw.from);
  const list = (items: RawAddress[] | undefined) =>
    (items ?? []).flatMap((item) => {
      const email = emailOf(item);
      return email ? [email] : [];
    });
  return {
    id: raw.id,
    subject: raw.subject ?? '',
    ...(from ? { from } : {}),
    to: list(raw.toRecipients),
    cc: list(raw.ccRecipients),
    ...(raw.receivedDateTime ? { receivedDateTime: raw.receivedDateTime } : {}),
    ...(raw.sentDateTime ? { sentDateTime: raw.sentDateTime } : {}),
    isRead: raw.isRead ?? false,
    isDraft: raw.isDraft ?? false,
    hasAttachments: raw.hasAttachments ?? false,
    importance: raw.importance ?? 'normal',
    bodyPreview: raw.bodyPreview ?? '',
    ...(raw.conversationId ? { conversationId: raw.conversationId } : {}),
    ...(raw.parentFolderId ? { parentFolderId: raw.parentFolderId } : {}),
    ...(raw.webLink ? { webLink: raw.webLink } : {}),
    ...(withBody && raw.body ? { body: { contentType: raw.body.contentType, content: raw.body.content } } : {}),
  };
}

/** The fields list views ask for ($select), so Graph does not send every body. */
export const LIST_FIELDS = [
  'id',
  'subject',
  'from',
  'toRecipients',
  'ccRecipients',
  'receivedDateTime',
  'sentDateTime',
  'isRead',
  'isDraft',
  'hasAttachments',
  'importance',
  'bodyPreview',
  'conversationId',
  'parentFolderId',
  'webLink',
];
