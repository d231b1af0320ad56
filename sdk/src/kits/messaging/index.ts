/**
 * `@mova/sdk/messaging`: the messaging kit for brokers that carry untyped bytes (MQTT, NATS,
 * RabbitMQ …). Step inputs and outputs are JSON, so the kit turns a payload into bytes (text as
 * UTF-8, other values as JSON, or base64's bytes) and received bytes back into parsed JSON, text
 * or base64, and gives every broker the same `payload`, `encoding` and `decode` fields. Broker
 * clients' socket and TLS failures read alike too (`isBrokerUnreachable`, `untrustedCertificate`).
 */
export { findErrorCode, isBrokerUnreachable, untrustedCertificate } from './failures.js';
export {
  type Decoded,
  type DecodeOptions,
  type Decoding,
  decodePayload,
  type Encoded,
  encodePayload,
  isJsonType,
  type PayloadEncoding,
} from './payload.js';
export {
  type DecodeFieldOptions,
  decodedEncodingField,
  decodedPayloadFields,
  decodeField,
  payloadEncodingField,
  payloadField,
} from './schemas.js';
