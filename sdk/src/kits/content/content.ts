import { ConnectorError } from '../../errors.js';

/** How content travels in a step's input and output: UTF-8 text, or base64 for any bytes. */
export type Encoding = 'text' | 'base64';

/** Largest content an action returns inline: run records and step outputs are JSON. */
export const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;
export const DEFAULT_DOWNLOAD_BYTES = 10 * 1024 * 1024;

/** What a store is, for messages: what it calls an item and how to fetch one too big to inline. */
export interface ContentStore {
  /** `blob`, `object`, `file`. */
  item: string;
  /** How to get an item over the cap, e.g. `create a signed URL with objects.signedUrl and fetch the object from there`. */
  largeItems: string;
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * The bytes an upload carries: UTF-8 text as given, or decoded base64 (white space ignored).
 * Malformed base64 is refused rather than decoded to whatever Node makes of it.
 */
export function bytesOf(content: string, encoding: Encoding, actionKey: string): Buffer {
  if (encoding === 'text') return Buffer.from(content, 'utf8');
  const compact = content.replace(/\s+/g, '');
  if (compact.length % 4 !== 0 || !BASE64.test(compact)) {
    throw new ConnectorError(
      'content is not valid base64',
      { kind: 'invalid_input', actionKey },
      'Send standard base64 (A-Z, a-z, 0-9, +, /, with = padding), or set encoding to "text".',
    );
  }
  return Buffer.from(compact, 'base64');
}

/** The content type to store when the step names none: what the encoding says the bytes are. */
export function defaultContentType(encoding: Encoding): string {
  return encoding === 'text' ? 'text/plain; charset=utf-8' : 'application/octet-stream';
}

/** Downloaded bytes in the requested form; text must be valid UTF-8, else the step asks for base64. */
export function contentOf(bytes: Uint8Array, encoding: Encoding, store: ContentStore, actionKey: string): string {
  if (encoding === 'base64') return Buffer.from(bytes).toString('base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ConnectorError(
      `the ${store.item} is not UTF-8 text`,
      { kind: 'invalid_input', actionKey, cause },
      'Set encoding to "base64" to download binary content.',
    );
  }
}

/** Fails before reading when the size a store declares is over the caller's cap. */
export function checkSize(size: number, maxBytes: number, store: ContentStore, actionKey: string): void {
  if (size > maxBytes) throw overCap(`the ${store.item} is ${size} bytes`, maxBytes, store, actionKey);
}

/**
 * Reads a body (a Node stream, a web ReadableStream, any async iterable of chunks) into memory,
 * stopping as soon as it passes the cap: a declared length can be absent or wrong.
 */
export async function readCapped(
  body: AsyncIterable<string | Uint8Array>,
  maxBytes: number,
  store: ContentStore,
  actionKey: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of body) {
    const buffer =
      typeof chunk === 'string' ? Buffer.from(chunk) : Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
    total += buffer.length;
    if (total > maxBytes) {
      throw overCap(`the ${store.item} is larger than its declared size`, maxBytes, store, actionKey);
    }
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}

function overCap(what: string, maxBytes: number, store: ContentStore, actionKey: string): ConnectorError {
  return new ConnectorError(
    `${what}, over the download cap of ${maxBytes} bytes`,
    { kind: 'invalid_input', actionKey },
    `Raise maxBytes (up to ${MAX_DOWNLOAD_BYTES}) or ${store.largeItems}.`,
  );
}
