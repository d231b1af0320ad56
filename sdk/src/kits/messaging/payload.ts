import { ConnectorError } from '../../errors.js';

/** How an action reads received payloads; `auto` picks JSON, text or base64 by itself. */
export type Decoding = 'auto' | 'json' | 'text' | 'base64';

/** How an action sends a payload: `auto` sends text as it is and other values as JSON. */
export type PayloadEncoding = 'auto' | 'base64';

export interface Encoded {
  body: Buffer;
  /** What the payload is (text/plain, application/json or application/octet-stream). */
  contentType: string;
  /** True when the payload is UTF-8 text (for example MQTT 5's payload format indicator 1). */
  utf8: boolean;
}

export interface Decoded {
  payload: unknown;
  encoding: 'json' | 'text' | 'base64';
}

export interface DecodeOptions {
  /**
   * In `auto`, also parse text that starts like a JSON object or array when no JSON content type
   * says so (default true). Brokers whose senders set content types reliably turn it off.
   */
  sniffJson?: boolean;
  /** What the message calls a payload, for failures: default "a payload". */
  noun?: string;
  /** A sentence added to a failure's hint, e.g. what happened to the message. */
  afterFailure?: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes a publish sends: text as UTF-8, any other JSON value as JSON text, or base64's bytes. */
export function encodePayload(payload: unknown, encoding: PayloadEncoding, actionKey: string): Encoded {
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

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * Turns a received payload into a JSON value. Brokers carry bytes with no type (some add a content
 * type), so `auto` parses JSON only when the content type says so or, with `sniffJson`, when the
 * text is a JSON object or array: a sensor's `21.5` or `on` stays the text it was sent as. Text
 * that is not valid UTF-8 comes back as base64; the other modes insist.
 */
export function decodePayload(
  body: Buffer,
  contentType: string | undefined,
  decoding: Decoding,
  actionKey: string,
  options: DecodeOptions = {},
): Decoded {
  if (decoding === 'base64') return { payload: body.toString('base64'), encoding: 'base64' };
  const text = utf8(body);
  if (decoding === 'json') {
    const parsed = text === undefined ? undefined : parseJson(text);
    if (!parsed)
      throw undecodable(
        'is not JSON',
        '"text" or "base64" (or "auto", which falls back by itself)',
        actionKey,
        options,
      );
    return parsed;
  }
  const sniff = options.sniffJson ?? true;
  if (decoding === 'auto' && text !== undefined && (isJsonType(contentType) || (sniff && /^\s*[[{]/.test(text)))) {
    const parsed = parseJson(text);
    if (parsed) return parsed;
  }
  if (text !== undefined) return { payload: text, encoding: 'text' };
  if (decoding === 'text') throw undecodable('is not valid UTF-8 text', '"base64"', actionKey, options);
  return { payload: body.toString('base64'), encoding: 'base64' };
}

/** True for `application/json` and any `+json` type, parameters ignored. */
export function isJsonType(contentType: string | undefined): boolean {
  const type = contentType?.split(';', 1)[0]?.trim().toLowerCase();
  return type === 'application/json' || type?.endsWith('+json') === true;
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

function undecodable(problem: string, instead: string, actionKey: string, options: DecodeOptions): ConnectorError {
  const hint = `Read it with decode ${instead}.`;
  return new ConnectorError(
    `${options.noun ?? 'a payload'} ${problem}`,
    { kind: 'invalid_input', actionKey },
    options.afterFailure ? `${hint} ${options.afterFailure}` : hint,
  );
}
