import { ConnectorError, Type } from '@mova/sdk';

export const encodingSchema = (description: string) =>
  Type.Union([Type.Literal('text'), Type.Literal('base64')], { default: 'text', description });

export type Encoding = 'text' | 'base64';

/** Largest download an action returns inline; bigger objects should be fetched through a signed URL. */
export const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;
export const DEFAULT_DOWNLOAD_BYTES = 10 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/** The bytes an upload carries: UTF-8 text as given, or decoded base64. */
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

/** Turns downloaded bytes into the requested form; text must be valid UTF-8. */
export function contentOf(bytes: Buffer, encoding: Encoding, actionKey: string): string {
  if (encoding === 'base64') return bytes.toString('base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ConnectorError(
      'the object is not UTF-8 text',
      { kind: 'invalid_input', actionKey, cause },
      'Set encoding to "base64" to download binary content.',
    );
  }
}

/** Fails before reading when a download would exceed the caller's cap. */
export function checkSize(size: number, maxBytes: number, actionKey: string): void {
  if (size <= maxBytes) return;
  throw new ConnectorError(
    `the object is ${size} bytes, over the download cap of ${maxBytes} bytes`,
    { kind: 'invalid_input', actionKey },
    `Raise maxBytes (up to ${MAX_DOWNLOAD_BYTES}) or create a signed URL with objects.signedUrl and fetch the object from there.`,
  );
}
