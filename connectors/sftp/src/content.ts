import { ConnectorError, Type } from '@mova/sdk';

// The shapes of the SDK's content kit (`@mova/sdk/content`), for files: step inputs and outputs
// are JSON, so content travels as UTF-8 text or base64.

export type Encoding = 'text' | 'base64';

/** Largest content an action returns inline: run records and step outputs are JSON. */
export const MAX_DOWNLOAD_BYTES = 32 * 1024 * 1024;
export const DEFAULT_DOWNLOAD_BYTES = 5 * 1024 * 1024;

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

export const encodingField = (description: string) =>
  Type.Union([Type.Literal('text'), Type.Literal('base64')], { default: 'text', description });

/** The bytes an upload carries: UTF-8 text as given, or decoded base64 (white space ignored). */
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

/** Downloaded bytes in the requested form; text must be valid UTF-8, else the step asks for base64. */
export function contentOf(bytes: Uint8Array, encoding: Encoding, actionKey: string): string {
  if (encoding === 'base64') return Buffer.from(bytes).toString('base64');
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch (cause) {
    throw new ConnectorError(
      'the file is not UTF-8 text',
      { kind: 'invalid_input', actionKey, cause },
      'Set encoding to "base64" to download binary content.',
    );
  }
}

/** Fails before reading when a file is over the caller's cap. */
export function checkSize(size: number, maxBytes: number, actionKey: string): void {
  if (size > maxBytes) {
    throw new ConnectorError(
      `the file is ${size} bytes, over the download cap of ${maxBytes} bytes`,
      { kind: 'invalid_input', actionKey },
      `Raise maxBytes (up to ${MAX_DOWNLOAD_BYTES}); bigger files belong in a transfer outside the workflow.`,
    );
  }
}

export const downloadFields = {
  encoding: encodingField(
    '"text" returns the content as UTF-8 text (fails on binary); "base64" returns it base64-encoded.',
  ),
  maxBytes: Type.Integer({
    minimum: 1,
    maximum: MAX_DOWNLOAD_BYTES,
    default: DEFAULT_DOWNLOAD_BYTES,
    description: `Largest file to download, in bytes (up to ${MAX_DOWNLOAD_BYTES}); a bigger one fails the step before any content is read.`,
  }),
};

export const uploadFields = {
  content: Type.String({ description: 'The content: text, or base64 when encoding is "base64".' }),
  encoding: encodingField('"text" writes content as UTF-8; "base64" decodes it to bytes first.'),
};
