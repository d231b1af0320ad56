import { Type } from '@mova/sdk';
import type { MsgHdrs } from '@nats-io/transport-node';
import { contentTypeOf, fromHeaders, headersOutput } from './headers.js';
import { type Decoding, decodePayload } from './payload.js';

export const payloadFields = {
  payload: Type.Unknown({ description: 'The payload: parsed JSON, UTF-8 text, or base64 (see `encoding`)' }),
  encoding: Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')], {
    description: 'How `payload` is given',
  }),
  bytes: Type.Integer({ minimum: 0, description: 'Size of the payload in bytes' }),
  headers: Type.Optional(headersOutput),
};

/** Payload, encoding, size and headers of a received message. */
export function readMessage(
  data: Uint8Array,
  h: MsgHdrs | undefined,
  decode: Decoding,
  actionKey: string,
): {
  payload: unknown;
  encoding: 'json' | 'text' | 'base64';
  bytes: number;
  headers?: Record<string, string | string[]>;
} {
  const body = Buffer.from(data.buffer, data.byteOffset, data.byteLength);
  const decoded = decodePayload(body, contentTypeOf(h), decode, actionKey);
  const headers = fromHeaders(h);
  return { ...decoded, bytes: body.length, ...(headers ? { headers } : {}) };
}
