import { Type } from '@mova/sdk';
import { invalidInput } from './errors.js';

export type BinaryEncoding = 'utf8' | 'base64' | 'hex';
export type DigestEncoding = 'hex' | 'base64' | 'base64url';

export const dataFields = {
  data: Type.String({ description: 'The data: text, or bytes written as base64 or hex (see inputEncoding)' }),
  inputEncoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64'), Type.Literal('hex')], {
    default: 'utf8',
    description: 'How data is written: utf8 text as it is (default), or base64 or hex bytes (e.g. a file)',
  }),
};

export const digestEncodingField = (description = 'How to write the result: hex (default), base64 or base64url') =>
  Type.Union([Type.Literal('hex'), Type.Literal('base64'), Type.Literal('base64url')], { default: 'hex', description });

const FORMS: Record<Exclude<BinaryEncoding, 'utf8'> | 'base64url', RegExp> = {
  hex: /^(?:[0-9a-fA-F]{2})*$/,
  base64: /^[A-Za-z0-9+/]*={0,2}$/,
  base64url: /^[A-Za-z0-9_-]*={0,2}$/,
};

/** Whether `text` is well-formed in `encoding` (Buffer.from silently skips what it cannot read). */
export function isEncoded(text: string, encoding: Exclude<BinaryEncoding, 'utf8'> | 'base64url'): boolean {
  return FORMS[encoding].test(text);
}

/** The bytes of a data input, refusing text that is not the encoding it claims. */
export function readData(data: string, encoding: BinaryEncoding, field: string, actionKey?: string): Buffer {
  if (encoding === 'utf8') return Buffer.from(data, 'utf8');
  const compact = data.replace(/\s+/g, '');
  if (!isEncoded(compact, encoding)) {
    throw invalidInput(
      `${field} is not valid ${encoding}`,
      actionKey,
      `Write ${field} as ${encoding}, or set its encoding to utf8 for text.`,
    );
  }
  return Buffer.from(compact, encoding);
}
