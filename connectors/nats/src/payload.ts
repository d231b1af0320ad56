import { ConnectorError, Type } from '@mova/sdk';

/** How an action reads message payloads. */
export const decodeSchema = Type.Union(
  [Type.Literal('auto'), Type.Literal('json'), Type.Literal('text'), Type.Literal('base64')],
  {
    default: 'auto',
    description:
      'How to read payloads: auto (JSON when a Content-Type header says so or the text parses as a JSON object or array, else UTF-8 text, else base64), json, text or base64',
  },
);

export type Decoding = 'auto' | 'json' | 'text' | 'base64';

export const payloadSchema = Type.Unknown({
  description:
    'The payload: text is sent as UTF-8, any other JSON value as JSON text; with `encoding: "base64"` a base64 string sent as the bytes it encodes',
});

export const encodingSchema = Type.Union([Type.Literal('auto'), Type.Literal('base64')], {
  default: 'auto',
  description: 'auto: text as it is, other values as JSON; base64: `payload` is base64 of binary content',
});

export interface Encoded {
  body: Buffer;
  /** What the payload is. */
  contentType: string;
  /** True when the payload is UTF-8 text. */
  utf8: boolean;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes a publish sends. */
export function encodePayload(payload: unknown, encoding: 'auto' | 'base64', actionKey: string): Encoded {
  if (encoding === 'base64') {
    const compact = typeof payload === 'string' ? payload.replace(/\s+/g, '') : undefined;
    if (compact === undefined || compact.length % 4 !== 0 || !BASE64.test(compact)) {
      throw new ConnectorError(
        'payload is not a base64 string',
        { kind: 'invalid_input', actionKey },
        'Send standard base64 (A-Z, a-z, 0-9, +, /, with = padding), or leave `encoding` at "auto" to send text or JSON.',
      );
    }
    return { body: Buffer.from(compact, 'base64'), contentType: 'application/octet-stream', utf8: false };
  }
  if (typeof payload === 'string') return { body: Buffer.from(payload, 'utf8'), contentType: 'text/plain', utf8: true };
  if (payload === undefined) return { body: Buffer.alloc(0), contentType: 'text/plain', utf8: true };
  return { body: Buffer.from(JSON.stringify(payload), 'utf8'), contentType: 'application/json', utf8: true };
}

export interface Decoded {
  payload: unknown;
  encoding: 'json' | 'text' | 'base64';
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a received payload into a JSON value. NATS carries bytes with no type (a Content-Type
 * header may say one), so `auto` parses JSON only when told so or when the text is a JSON object
 * or array: a `21.5` or `ok` stays the text it was sent as.
 */
export function decodePayload(
  body: Buffer,
  contentType: string | undefined,
  decoding: Decoding,
  actionKey: string,
): Decoded {
  if (decoding === 'base64') return { payload: body.toString('base64'), encoding: 'base64' };
  const text = utf8(body);
  if (decoding === 'json') {
    const parsed = text === undefined ? undefined : parseJson(text);
    if (!parsed) {
      throw new ConnectorError(
        'a payload is not JSON',
        { kind: 'invalid_input', actionKey },
        'Read it with decode "text" or "base64" (or "auto", which falls back by itself).',
      );
    }
    return parsed;
  }
  if (decoding === 'auto' && text !== undefined && (isJsonType(contentType) || /^\s*[[{]/.test(text))) {
    const parsed = parseJson(text);
    if (parsed) return parsed;
  }
  if (text !== undefined) return { payload: text, encoding: 'text' };
  if (decoding === 'text') {
    throw new ConnectorError(
      'a payload is not valid UTF-8 text',
      { kind: 'invalid_input', actionKey },
      'Read it with decode "base64".',
    );
  }
  return { payload: body.toString('base64'), encoding: 'base64' };
}

function parseJson(text: string): Decoded | undefined {
  try {
    return { payload: JSON.parse(text), encoding: 'json' };
  } catch {
    return undefined;
  }
}

function utf8(body: Buffer): string | undefined {
  try {
    return strictUtf8.decode(body);
  } catch {
    return undefined;
  }
}

function isJsonType(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return type === 'application/json' || type?.endsWith('+json') === true;
}
