import { defineAction, Type } from '@mova/sdk';
import { encodePayload, payloadEncodingField, payloadField } from '@mova/sdk/messaging';
import type { JetStreamPublishOptions } from '@nats-io/jetstream';
import { auth } from '../auth.js';
import { withNats } from '../client.js';
import { headersInput, toHeaders } from '../headers.js';
import { jetStreamOf } from '../jetstream.js';
import { subjectSchema } from '../subject.js';

export const jetStreamPublish = defineAction({
  auth,
  key: 'jetstream.publish',
  title: 'Publish to a stream',
  description:
    'Publishes a message to a JetStream stream and returns once the stream has stored it, with its sequence number. A repeated `messageId` within the stream’s duplicate window is stored only once.',
  input: Type.Object({
    subject: subjectSchema('Subject a stream captures, e.g. `orders.created`'),
    payload: payloadField(),
    encoding: payloadEncodingField(),
    headers: Type.Optional(headersInput),
    contentType: Type.Optional(Type.String({ minLength: 1, description: 'Sent as the Content-Type header' })),
    messageId: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'Message id (Nats-Msg-Id) the stream deduplicates on, e.g. an order number',
      }),
    ),
    expectedStream: Type.Optional(
      Type.String({ minLength: 1, description: 'Fail unless this stream stores the message' }),
    ),
    expectedLastSequence: Type.Optional(
      Type.Integer({
        minimum: 0,
        description: 'Fail unless the stream’s last sequence is this (optimistic concurrency)',
      }),
    ),
    expectedLastSubjectSequence: Type.Optional(
      Type.Integer({ minimum: 0, description: 'Fail unless the last sequence on this subject is this' }),
    ),
    timeoutMs: Type.Integer({
      minimum: 100,
      maximum: 60000,
      default: 5000,
      description: 'How long to wait for the stream’s acknowledgement, in milliseconds',
    }),
  }),
  output: Type.Object({
    stream: Type.String({ description: 'Stream that stored the message' }),
    sequence: Type.Integer({ minimum: 1, description: 'Its sequence number in the stream' }),
    duplicate: Type.Boolean({ description: 'True when the stream already had a message with this `messageId`' }),
    subject: Type.String({ description: 'Subject published on' }),
    bytes: Type.Integer({ minimum: 0, description: 'Size of the payload sent' }),
  }),
  examples: [
    {
      input: { subject: 'orders.created', payload: { id: 7 }, messageId: 'order-7' },
      output: { stream: 'ORDERS', sequence: 1042, duplicate: false, subject: 'orders.created', bytes: 8 },
    },
  ],
  async run({ input, auth, ctx }) {
    const encoded = encodePayload(input.payload, input.encoding, ctx.actionKey);
    const options: Partial<JetStreamPublishOptions> = { timeout: input.timeoutMs };
    const headers = toHeaders(input.headers, input.contentType ? { 'Content-Type': input.contentType } : {});
    if (headers) options.headers = headers;
    if (input.messageId !== undefined) options.msgID = input.messageId;
    const expect: NonNullable<JetStreamPublishOptions['expect']> = {};
    if (input.expectedStream !== undefined) expect.streamName = input.expectedStream;
    if (input.expectedLastSequence !== undefined) expect.lastSequence = input.expectedLastSequence;
    if (input.expectedLastSubjectSequence !== undefined) expect.lastSubjectSequence = input.expectedLastSubjectSequence;
    if (Object.keys(expect).length > 0) options.expect = expect;
    const ack = await withNats(auth, ctx, (nc) => jetStreamOf(nc, auth).publish(input.subject, encoded.body, options));
    return {
      stream: ack.stream,
      sequence: ack.seq,
      duplicate: ack.duplicate,
      subject: input.subject,
      bytes: encoded.body.length,
    };
  },
});
