import { ConnectorError, Type } from '@mova/sdk';

export const encodingSchema = (description: string) =>
  Type.Union([Type.Literal('text'), Type.Literal('base64')], { default: 'text', description });

export type Encoding = 'text' | 'base64';

/** Largest download an action returns inline; bigger blobs should be fetched through a SAS URL. */
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
      'the blob is not UTF-8 text',
      { kind: 'invalid_input', actionKey, cause },
      'Set encoding to "base64" to download binary content.',
    );
  }
}

/** Fails before reading when a download would exceed the caller's cap. */
export function checkSize(size: number, maxBytes: number, actionKey: string): void {
  if (size > maxBytes) throw overCap(`the blob is ${size} bytes`, maxBytes, actionKey);
}

function overCap(what: string, maxBytes: number, actionKey: string): ConnectorError {
  return new ConnectorError(
    `${what}, over the download cap of ${maxBytes} bytes`,
    { kind: 'invalid_input', actionKey },
    `Raise maxBytes (up to ${MAX_DOWNLOAD_BYTES}) or create a SAS URL with blobs.sasUrl and fetch the blob from there.`,
  );
}

/** Reads a stream into memory, stopping once it passes the cap (a length header can be absent or wrong). */
export async function readCapped(
  stream: AsyncIterable<string | Buffer>,
  maxBytes: number,
  actionKey: string,
): Promise<Buffer> {
  const chunks: Buffer[] = [];
  let total = 0;
  for await (const chunk of stream) {
    const buffer = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    total += buffer.length;
    if (total > maxBytes) throw overCap('the blob is larger than its declared size', maxBytes, actionKey);
    chunks.push(buffer);
  }
  return Buffer.concat(chunks);
}
