import { defineAction, Type } from '@mova/sdk';
import { encodePayload, payloadEncodingField, payloadField } from '@mova/sdk/messaging';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { headersInput, toHeaders } from '../headers.js';
import { subjectSchema } from '../subject.js';

export const publishMessage = defineAction({
  auth,
  key: 'publish',
  title: 'Publish a message',
  description:
    'Publishes a message on a subject (core NATS, at most once: only subscribers connected at that moment receive it). Completes once the server has processed it.',
  input: Type.Object({
    subject: subjectSchema('Subject to publish on, e.g. `orders.created` (no wildcards)'),
    payload: payloadField(),
    encoding: payloadEncodingField(),
    headers: Type.Optional(headersInput),
    contentType: Type.Optional(Type.String({ minLength: 1, description: 'Sent as the Content-Type header' })),
    replyTo: Type.Optional(subjectSchema('Subject the receivers should reply to')),
  }),
  output: Type.Object({
    subject: Type.String({ description: 'Subject published on' }),
    bytes: Type.Integer({ minimum: 0, description: 'Size of the payload sent' }),
  }),
  examples: [
    {
      input: { subject: 'orders.created', payload: { id: 7, total: 42.5 }, headers: { source: 'shop' } },
      output: { subject: 'orders.created', bytes: 21 },
    },
  ],
  async run({ input, auth, ctx }) {
    const encoded = encodePayload(input.payload, input.encoding, ctx.actionKey);
    const headers = toHeaders(input.headers, input.contentType ? { 'Content-Type': input.contentType } : {});
    await withNats(auth, ctx, async (nc) => {
      nc.publish(input.subject, encoded.body, { headers, reply: input.replyTo });
      // A PING/PONG after the publish: the server has read it (and any permission error with it).
      await nc.flush();
    });
    return { subject: input.subject, bytes: encoded.body.length };
  },
});
