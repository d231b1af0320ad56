import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withTwilio } from '../client.js';
import { TWILIO_API } from '../connection.js';

export const listMedia = defineAction({
  auth,
  key: 'messages.listMedia',
  title: 'List the media of a message',
  description:
    'Lists the images and files attached to an MMS or WhatsApp message (its Media subresource), with the URL each can be downloaded from and its content type.',
  input: Type.Object({
    messageSid: Type.String({ pattern: '^(SM|MM)[0-9a-fA-F]{32}$', description: 'SID of the message (MM… for MMS)' }),
  }),
  output: Type.Object({
    media: Type.Array(
      Type.Object({
        sid: Type.String({ description: 'Media SID (ME…)' }),
        contentType: Type.String({ description: 'MIME type, e.g. image/jpeg' }),
        url: Type.String({
          description:
            'Where the file is: https://api.twilio.com/…/Media/ME… (needs the account credentials when HTTP auth for media is on)',
        }),
        dateCreated: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], {
          description: 'When it was stored',
        }),
      }),
      { description: 'Media files, in the order Twilio lists them' },
    ),
  }),
  examples: [{ title: 'Photos a customer sent', input: { messageSid: 'MM3f2a0c6b4d8e4f0a9b1c2d3e4f5a6b7c' } }],
  async run({ input, auth, ctx }) {
    const media = await withTwilio(auth, ctx, (client) => client.messages(input.messageSid).media.list({ limit: 100 }));
    return {
      media: media.map((item) => ({
        sid: item.sid,
        contentType: item.contentType,
        // The resource URI names the JSON description; without .json it is the file itself.
        url: `${TWILIO_API}${item.uri.replace(/\.json$/, '')}`,
        dateCreated:
          item.dateCreated instanceof Date && !Number.isNaN(item.dateCreated.getTime())
            ? item.dateCreated.toISOString()
            : null,
      })),
    };
  },
});
