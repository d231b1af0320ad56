import { randomBytes } from 'node:crypto';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { digestEncodingField } from '../data.js';

export const generateBytes = defineAction({
  auth,
  key: 'random.bytes',
  title: 'Generate random bytes',
  description:
    'Generates cryptographically secure random bytes as hex, base64 or base64url: API tokens, nonces, passwords, or a 32-byte key for the encryptionKey connection field. Needs no key.',
  input: Type.Object({
    length: Type.Integer({
      minimum: 1,
      maximum: 1024,
      default: 32,
      description: 'Number of bytes (default 32, at most 1024)',
    }),
    encoding: digestEncodingField(
      'How to write the bytes: hex (default), base64 or base64url (URL- and filename-safe)',
    ),
  }),
  output: Type.Object({
    value: Type.String({ description: 'The random bytes in the chosen encoding' }),
    length: Type.Integer({ description: 'Number of bytes' }),
    encoding: Type.String({ description: 'The encoding of value' }),
  }),
  examples: [{ title: 'A URL-safe token', input: { length: 24, encoding: 'base64url' } }, { input: {} }],
  async run({ input }) {
    return {
      value: randomBytes(input.length).toString(input.encoding),
      length: input.length,
      encoding: input.encoding,
    };
  },
});
