import { ConnectorError, defineAction, Type } from '@mova/sdk';
import type { MessageListInstanceCreateOptions } from 'twilio/lib/rest/api/v2010/account/message.js';
import { auth } from '../auth.js';
import { withTwilio } from '../client.js';
import { addressField, messageOf, messageSchema } from '../schemas.js';

export const sendMessage = defineAction({
  auth,
  key: 'messages.send',
  title: 'Send an SMS, MMS or WhatsApp message',
  description:
    'Sends a message with the Programmable Messaging API: SMS text, MMS with media URLs, or WhatsApp (channel whatsapp, or whatsapp: addresses), from a Twilio number or through a Messaging Service; WhatsApp templates go as a contentSid with variables. Twilio queues it and gives its SID and status.',
  input: Type.Object({
    to: addressField('Recipient in E.164 form, e.g. +14155550100 (or whatsapp:+14155550100)'),
    from: Type.Optional(addressField('Your Twilio number, short code or sender ID (give this or messagingServiceSid)')),
    messagingServiceSid: Type.Optional(
      Type.String({
        pattern: '^MG[0-9a-fA-F]{32}$',
        description: 'Messaging Service (MG…) to send through; it picks the sender',
      }),
    ),
    channel: Type.Union([Type.Literal('sms'), Type.Literal('whatsapp')], {
      default: 'sms',
      description: 'whatsapp prefixes to and from with whatsapp: where they lack it; sms sends them as given',
    }),
    body: Type.Optional(Type.String({ maxLength: 1600, description: 'Text, up to 1600 characters' })),
    mediaUrls: Type.Optional(
      Type.Array(Type.String({ format: 'uri', pattern: '^https?://' }), {
        maxItems: 10,
        description: 'Public URLs of images or files to send as MMS or WhatsApp media (up to 10)',
      }),
    ),
    contentSid: Type.Optional(
      Type.String({
        pattern: '^HX[0-9a-fA-F]{32}$',
        description: 'Content template (HX…), e.g. an approved WhatsApp template',
      }),
    ),
    contentVariables: Type.Optional(
      Type.Record(Type.String(), Type.String(), {
        description: 'Values of the template placeholders, e.g. {"1": "Ada"}',
      }),
    ),
    statusCallback: Type.Optional(
      Type.String({ format: 'uri', description: 'URL Twilio posts delivery status changes to' }),
    ),
    validityPeriod: Type.Optional(
      Type.Integer({
        minimum: 1,
        maximum: 36000,
        description: 'Seconds the message may wait in the queue before it is dropped',
      }),
    ),
  }),
  output: messageSchema,
  examples: [
    {
      title: 'Text a customer',
      input: { to: '+14155550100', from: '+15017122661', body: 'Your order 7 has shipped.' },
    },
    {
      title: 'WhatsApp with an image',
      input: {
        to: '+14155550100',
        from: '+14155238886',
        channel: 'whatsapp',
        body: 'Here is your receipt.',
        mediaUrls: ['https://example.com/receipts/7.png'],
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const actionKey = ctx.actionKey;
    if (!input.from && !input.messagingServiceSid) {
      throw new ConnectorError(
        'the message has no sender',
        { kind: 'invalid_input', actionKey },
        'Give from or messagingServiceSid.',
      );
    }
    if (!input.body && !input.mediaUrls?.length && !input.contentSid) {
      throw new ConnectorError(
        'the message is empty',
        { kind: 'invalid_input', actionKey },
        'Give body, mediaUrls or contentSid.',
      );
    }
    const address = (value: string) =>
      input.channel === 'whatsapp' && !value.startsWith('whatsapp:') ? `whatsapp:${value}` : value;
    const params: MessageListInstanceCreateOptions = { to: address(input.to) };
    if (input.from) params.from = address(input.from);
    if (input.messagingServiceSid) params.messagingServiceSid = input.messagingServiceSid;
    if (input.body !== undefined) params.body = input.body;
    if (input.mediaUrls?.length) params.mediaUrl = input.mediaUrls;
    if (input.contentSid) params.contentSid = input.contentSid;
    if (input.contentVariables) params.contentVariables = JSON.stringify(input.contentVariables);
    if (input.statusCallback) params.statusCallback = input.statusCallback;
    if (input.validityPeriod) params.validityPeriod = input.validityPeriod;
    const message = await withTwilio(auth, ctx, (client) => client.messages.create(params));
    return messageOf(message);
  },
});
