import { Type } from '@mova/sdk';
import { type Decoding, decodedPayloadFields, decodePayload } from '@mova/sdk/messaging';
import type { MsgHdrs } from '@nats-io/transport-node';
import { contentTypeOf, fromHeaders, headersOutput } from './headers.js';

export const payloadFields = {
  ...decodedPayloadFields(),
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
