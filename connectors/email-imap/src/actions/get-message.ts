import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { checkSize, contentOf, DEFAULT_DOWNLOAD_BYTES, MAX_DOWNLOAD_BYTES } from '@mova/sdk/content';
import { simpleParser } from 'mailparser';
import { auth } from '../auth.js';
import { inMailbox, refused, withImap } from '../client.js';
import { mailboxField, SUMMARY_QUERY, summaryOf, summarySchema, uidValidityField } from '../schemas.js';

const MESSAGES = {
  item: 'message',
  largeItems: 'leave the attachments out (includeAttachments false) or fetch it with a desktop client',
};

export const getMessage = defineAction({
  auth,
  key: 'messages.get',
  title: 'Get a message',
  description:
    'Fetches one message by UID with its plain-text and HTML bodies, headers and attachments (base64), without marking it read unless markSeen is set. Messages larger than maxBytes are refused before they are downloaded.',
  input: Type.Object({
    mailbox: mailboxField(),
    uid: Type.Integer({ minimum: 1, description: 'UID of the message (from messages.search or the trigger)' }),
    uidValidity: uidValidityField,
    includeAttachments: Type.Boolean({
      default: true,
      description: "Return the attachments' content (base64); false gives their names and sizes only",
    }),
    includeRaw: Type.Boolean({
      default: false,
      description: 'Also return the whole message source as base64, e.g. to forward it with email-smtp email.sendRaw',
    }),
    markSeen: Type.Boolean({ default: false, description: 'Mark the message read (\\Seen) after fetching it' }),
    maxBytes: Type.Integer({
      minimum: 1,
      maximum: MAX_DOWNLOAD_BYTES,
      default: DEFAULT_DOWNLOAD_BYTES,
      description: `Largest message to download, in bytes (up to ${MAX_DOWNLOAD_BYTES}); a bigger one fails the step before it is read`,
    }),
  }),
  output: Type.Object({
    ...summarySchema.properties,
    text: Type.String({ description: 'Plain-text body (converted from the HTML when the message has no text part)' }),
    html: Type.Union([Type.String(), Type.Null()], { description: 'HTML body, or null when the message has none' }),
    headers: Type.Array(
      Type.Object({
        name: Type.String({ description: 'Header name, lower case' }),
        value: Type.String({ description: 'Header value as sent, unfolded' }),
      }),
      { description: 'Every header line, in order' },
    ),
    attachments: Type.Array(
      Type.Object({
        filename: Type.String({ description: 'File name, empty when the part has none' }),
        contentType: Type.String({ description: 'MIME type, e.g. application/pdf' }),
        size: Type.Integer({ description: 'Size in bytes, decoded' }),
        contentId: Type.String({
          description: 'Content-ID of an inline part (cid: in the HTML), without <>; empty when none',
        }),
        inline: Type.Boolean({ description: 'Whether it is an inline part rather than an attachment' }),
        content: Type.Optional(Type.String({ description: 'The content, base64 (with includeAttachments)' })),
      }),
      { description: 'Attachments and inline parts' },
    ),
    raw: Type.Optional(Type.String({ description: 'The whole message source, base64 (with includeRaw)' })),
  }),
  examples: [{ title: 'Read a message with its attachments', input: { mailbox: 'INBOX', uid: 1 } }],
  async run({ input, auth, ctx }) {
    const actionKey = ctx.actionKey;
    const fetched = await withImap(auth, ctx, (client) =>
      inMailbox(
        client,
        input.mailbox,
        { readOnly: !input.markSeen, expectedUidValidity: input.uidValidity, actionKey },
        async (uidValidity) => {
          const meta = await client.fetchOne(String(input.uid), SUMMARY_QUERY, { uid: true });
          if (!meta) {
            throw new ConnectorError(
              `${input.mailbox} has no message with UID ${input.uid}`,
              { kind: 'not_found', actionKey },
              'It may have been moved or deleted; search the mailbox again.',
            );
          }
          checkSize(meta.size ?? 0, input.maxBytes, MESSAGES, actionKey);
          const body = await client.fetchOne(String(input.uid), { uid: true, source: true }, { uid: true });
          const source = body ? body.source : undefined;
          if (!source) throw new Error(`the server gave no source for UID ${input.uid}`);
          checkSize(source.length, input.maxBytes, MESSAGES, actionKey);
          if (input.markSeen && !(await client.messageFlagsAdd(String(input.uid), ['\\Seen'], { uid: true }))) {
            throw refused('mark the message read', input.mailbox, actionKey);
          }
          const summary = summaryOf(meta, input.mailbox, uidValidity);
          if (input.markSeen && !summary.flags.includes('\\Seen')) summary.flags.push('\\Seen');
          return { summary, source };
        },
      ),
    );
    const parsed = await simpleParser(fetched.source, { keepCidLinks: true, skipImageLinks: true });
    return {
      ...fetched.summary,
      text: parsed.text ?? '',
      html: typeof parsed.html === 'string' ? parsed.html : null,
      headers: parsed.headerLines.map((line) => ({
        name: line.key,
        value: line.line
          .slice(line.line.indexOf(':') + 1)
          .replace(/\r?\n[ \t]+/g, ' ')
          .trim(),
      })),
      attachments: parsed.attachments.map((file) => ({
        filename: file.filename ?? '',
        contentType: file.contentType,
        size: file.size,
        contentId: (file.contentId ?? '').replace(/^<|>$/g, ''),
        inline: file.contentDisposition === 'inline' || (file.related ?? false),
        ...(input.includeAttachments ? { content: contentOf(file.content, 'base64', MESSAGES, actionKey ?? '') } : {}),
      })),
      ...(input.includeRaw ? { raw: fetched.source.toString('base64') } : {}),
    };
  },
});
