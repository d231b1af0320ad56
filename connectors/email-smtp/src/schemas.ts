import { Type } from '@mova/sdk';
import { encodingField } from '@mova/sdk/content';

/** An address list: each entry `ada@example.com` or `Ada Lovelace <ada@example.com>`. */
export const addressList = (description: string) =>
  Type.Array(
    Type.String({ minLength: 3, description: 'An address, e.g. ada@example.com or "Ada <ada@example.com>"' }),
    {
      description,
    },
  );

export const attachmentField = Type.Object({
  filename: Type.String({ minLength: 1, description: 'File name the recipient sees, e.g. invoice.pdf' }),
  content: Type.String({ description: 'The file: text, or base64 when encoding is "base64"' }),
  encoding: encodingField('"text" attaches content as UTF-8; "base64" decodes it to bytes first (for PDFs, images…).'),
  contentType: Type.Optional(
    Type.String({ minLength: 1, description: 'MIME type, e.g. application/pdf (default: guessed from filename)' }),
  ),
  contentId: Type.Optional(
    Type.String({
      minLength: 1,
      description: 'Content-ID for an inline image, referenced from the HTML body as <img src="cid:...">',
    }),
  ),
});

export const sentFields = {
  messageId: Type.String({ description: 'Message-ID header of the sent message, e.g. <...@example.com>' }),
  accepted: Type.Array(Type.String(), { description: 'Recipient addresses the server accepted' }),
  rejected: Type.Array(Type.String(), {
    description: 'Recipient addresses the server refused (the rest were still sent)',
  }),
  response: Type.String({ description: "The server's final reply to the message, e.g. 250 2.0.0 Ok: queued as 4F2A1" }),
  envelope: Type.Object(
    {
      from: Type.String({ description: 'MAIL FROM address (bounces go there)' }),
      to: Type.Array(Type.String(), { description: 'RCPT TO addresses' }),
    },
    { description: 'SMTP envelope the message was sent with' },
  ),
};

interface SentInfo {
  messageId: string;
  accepted: (string | { address: string })[];
  rejected: (string | { address: string })[];
  response: string;
  envelope: { from: string | false; to: string[] };
}

/** The step output from nodemailer's SentMessageInfo. */
export function sentOutput(info: SentInfo) {
  const address = (entry: string | { address: string }) => (typeof entry === 'string' ? entry : entry.address);
  return {
    messageId: info.messageId,
    accepted: info.accepted.map(address),
    rejected: info.rejected.map(address),
    response: info.response,
    envelope: { from: info.envelope.from || '', to: info.envelope.to },
  };
}

/**
 * One header of a raw message (the first of that name, unfolded), or undefined.
 * @example headerOf(Buffer.from('Message-ID: <a@b>\r\n\r\nbody'), 'message-id') // '<a@b>'
 */
export function headerOf(raw: Buffer, name: string): string | undefined {
  const text = raw.toString('latin1');
  const end = text.search(/\r?\n\r?\n/);
  const head = (end === -1 ? text : text.slice(0, end)).replace(/\r?\n[ \t]+/g, ' ');
  for (const line of head.split(/\r?\n/)) {
    const colon = line.indexOf(':');
    if (colon > 0 && line.slice(0, colon).trim().toLowerCase() === name) return line.slice(colon + 1).trim();
  }
  return undefined;
}
