import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { fileMessageInput, sendFile } from '../file-message.js';
import { messageSchema } from '../messages.js';

export const sendPhoto = defineAction({
  auth,
  key: 'photos.send',
  title: 'Send a photo',
  description:
    'Sends a photo to a chat (sendPhoto): uploaded from base64 content (up to 10 MB on Telegram’s server), fetched by Telegram from a URL, or re-sent by file_id; with an optional formatted caption and keyboard.',
  input: fileMessageInput({
    hasSpoiler: Type.Optional(Type.Boolean({ description: 'Cover the photo with a spoiler animation' })),
  }),
  output: messageSchema,
  examples: [
    {
      title: 'Chart by URL',
      input: { chatId: -1001234567890, url: 'https://charts.example.com/daily.png', caption: 'Daily sales' },
    },
  ],
  async run({ input, auth, ctx }) {
    const photo = { method: 'sendPhoto', field: 'photo', fallbackName: 'photo.jpg' };
    return sendFile(auth, ctx, photo, input, { has_spoiler: input.hasSpoiler });
  },
});
