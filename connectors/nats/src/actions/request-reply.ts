import { defineAction, Type } from '@mova/sdk';
import { encodePayload, payloadEncodingField, payloadField } from '@mova/sdk/messaging';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { headersInput, toHeaders } from '../headers.js';
import { payloadFields, readMessage } from '../message.js';
import { decodeSchema } from '../payload.js';
import { subjectSchema } from '../subject.js';

export const requestReply = defineAction({
  auth,
  key: 'request',
  title: 'Send a request',
  description:
    'Sends a request on a subject and waits for the first reply (request/reply). Fails as not found when nothing subscribes to the subject, and as transient when no reply comes in time.',
  input: Type.Object({
    subject: subjectSchema('Subject a service listens on, e.g. `inventory.check`'),
    payload: payloadField(),
    encoding: payloadEncodingField(),
    headers: Type.Optional(headersInput),
    contentType: Type.Optional(Type.String({ minLength: 1, description: 'Sent as the Content-Type header' })),
    timeoutMs: Type.Integer({
      minimum: 10,
      maximum: 120000,
      default: 5000,
      description: 'How long to wait for the reply, in milliseconds',
    }),
    decode: decodeSchema,
  }),
  output: Type.Object({
    subject: Type.String({ description: 'Subject the request went to' }),
    reply: Type.Object(payloadFields, { description: 'The reply' }),
  }),
  examples: [
    {
      input: { subject: 'inventory.check', payload: { sku: 'A-7' }, timeoutMs: 2000 },
      output: {
        subject: 'inventory.check',
        reply: { payload: { sku: 'A-7', inStock: 12 }, encoding: 'json', bytes: 26 },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const encoded = encodePayload(input.payload, input.encoding, ctx.actionKey);
    const headers = toHeaders(input.headers, input.contentType ? { 'Content-Type': input.contentType } : {});
    const reply = await withNats(auth, ctx, (nc) =>
      nc.request(input.subject, encoded.body, { timeout: input.timeoutMs, headers }),
    );
    return { subject: input.subject, reply: readMessage(reply.data, reply.headers, input.decode, ctx.actionKey) };
  },
});
