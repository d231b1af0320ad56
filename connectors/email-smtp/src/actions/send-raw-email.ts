import { defineAction, Type } from '@mova/sdk';
import { bytesOf, encodingField } from '@mova/sdk/content';
import { auth } from '../auth.js';
import { withSmtp } from '../client.js';
import { addressList, headerOf, sentFields, sentOutput } from '../schemas.js';

export const sendRawEmail = defineAction({
  auth,
  key: 'email.sendRaw',
  title: 'Send a raw (RFC 5322) message',
  description:
    'Sends a message that is already built, headers and MIME body as they are (an .eml file, a message fetched from IMAP to forward), with the SMTP envelope given apart: the server delivers to the envelope recipients, whatever the To header says.',
  input: Type.Object({
    message: Type.String({
      minLength: 1,
      description: 'The whole message: headers, a blank line, then the body (CRLF or LF line ends)',
    }),
    encoding: encodingField('"text" sends message as it is; "base64" decodes it first (an .eml read as bytes)'),
    envelopeFrom: Type.String({ minLength: 3, description: 'MAIL FROM address: where bounces go' }),
    envelopeTo: addressList('RCPT TO addresses: who receives the message'),
  }),
  output: Type.Object({
    ...sentFields,
    messageId: Type.String({ description: "The message's Message-ID header, or empty when it has none" }),
  }),
  examples: [
    {
      title: 'Forward an .eml as it is',
      input: {
        message:
          'From: alerts@example.com\r\nTo: ops@example.net\r\nSubject: Disk almost full\r\nMessage-ID: <alert-42@example.com>\r\n\r\n/var is at 91%.\r\n',
        encoding: 'text',
        envelopeFrom: 'alerts@example.com',
        envelopeTo: ['ops@example.net'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const raw = bytesOf(input.message, input.encoding, ctx.actionKey);
    const info = await withSmtp(auth, ctx, (transporter) =>
      transporter.sendMail({ raw, envelope: { from: input.envelopeFrom, to: input.envelopeTo } }),
    );
    // Nodemailer reports a Message-ID of its own making for raw messages; the one sent is in the headers.
    return { ...sentOutput(info), messageId: headerOf(raw, 'message-id') ?? '' };
  },
});
