import { Type } from '@sinclair/typebox';

export interface DecodeFieldOptions {
  /** Where a content type comes from, e.g. "the MQTT 5 content type" or "a Content-Type header". */
  contentTypeFrom: string;
  /** Whether `auto` also parses text shaped like a JSON object or array (as `decodePayload`'s option). */
  sniffJson?: boolean;
  /** What is read, for the description: default "payloads". */
  noun?: string;
}

/** A `decode` input field (auto, json, text, base64; default auto) described for this broker. */
export function decodeField({ contentTypeFrom, sniffJson = true, noun = 'payloads' }: DecodeFieldOptions) {
  const jsonWhen = sniffJson
    ? `JSON when ${contentTypeFrom} says so or the text parses as a JSON object or array`
    : `JSON when ${contentTypeFrom} says so`;
  return Type.Union([Type.Literal('auto'), Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')], {
    default: 'auto',
    description: `How to read ${noun}: auto (${jsonWhen}, else UTF-8 text, else base64), json, text or base64`,
  });
}

/** A `payload` input field: any JSON value, sent as `encodePayload` sends it. */
export function payloadField(
  description = 'The payload: text is sent as UTF-8, any other JSON value as JSON text; with `encoding: "base64"` a base64 string sent as the bytes it encodes',
) {
  return Type.Unknown({ description });
}

/** An `encoding` input field for a publish: auto (default) or base64. */
export function payloadEncodingField(
  description = 'auto: text as it is, other values as JSON; base64: `payload` is base64 of binary content',
) {
  return Type.Union([Type.Literal('auto'), Type.Literal('base64')], { default: 'auto', description });
}

/** The `encoding` output field beside a decoded payload (or value). */
export function decodedEncodingField(description = 'How `payload` is given') {
  return Type.Union([Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')], { description });
}

/** A received payload's output fields: `payload`, `encoding`, `bytes`. Spread them into `Type.Object`. */
export function decodedPayloadFields() {
  return {
    payload: Type.Unknown({ description: 'The payload: parsed JSON, UTF-8 text, or base64 (see `encoding`)' }),
    encoding: decodedEncodingField(),
    bytes: Type.Integer({ minimum: 0, description: 'Size of the payload in bytes' }),
  };
}
