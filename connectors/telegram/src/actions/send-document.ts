import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { fileMessageInput, sendFile } from '../file-message.js';
import { messageSchema } from '../messages.js';

export const sendDocument = defineAction({
  auth,
  key: 'documents.send',
  title: 'Send a document',
  description:
    'Sends a file as a document to a chat (sendDocument): uploaded from text or base64 content (up to 50 MB on Telegram’s server, 2 GB on a self-hosted one), fetched by Telegram from a URL, or re-sent by file_id; with an optional formatted caption and keyboard.',
  input: fileMessageInput({
    disableContentTypeDetection: Type.Optional(
      Type.Boolean({ description: 'Keep the file a document even when Telegram could show it as a photo or video' }),
    ),
  }),
  output: messageSchema,
  examples: [
    {
      title: 'CSV report from text',
      input: {
        chatId: -1001234567890,
        content: 'day,total\n2026-12-01,42\n',
        encoding: 'text',
        filename: 'sales.csv',
        contentType: 'text/csv',
        caption: 'Daily sales',
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const document = { method: 'sendDocument', field: 'document', fallbackName: 'file' };
    return sendFile(auth, ctx, document, input, { disable_content_type_detection: input.disableContentTypeDetection });
  },
});
