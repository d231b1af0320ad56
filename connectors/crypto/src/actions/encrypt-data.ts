import { createCipheriv, randomBytes } from 'node:crypto';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { dataFields, readData } from '../data.js';
import { encryptionKey } from '../keys.js';

/** GCM's recommended 96-bit nonce and full 128-bit tag (NIST SP 800-38D). */
export const IV_BYTES = 12;
export const TAG_BYTES = 16;

export const encryptData = defineAction({
  auth,
  key: 'aes.encrypt',
  title: 'Encrypt with AES-256-GCM',
  description:
    "Encrypts text or bytes with AES-256-GCM under the connection's encryptionKey, with a fresh random IV each time and an authentication tag that makes any change detectable. Gives one base64 value (IV, ciphertext and tag together) to store and later decrypt, and the parts separately for other systems.",
  input: Type.Object({
    ...dataFields,
    associatedData: Type.Optional(
      Type.String({
        description:
          'Text bound to the ciphertext but not encrypted, e.g. a record id; decrypt must be given the same text',
      }),
    ),
  }),
  output: Type.Object({
    ciphertext: Type.String({
      description: 'Base64 of IV (12 bytes), ciphertext and tag (16 bytes) together: what aes.decrypt takes',
    }),
    parts: Type.Object(
      {
        iv: Type.String({ description: 'The 12-byte IV (nonce), base64' }),
        ciphertext: Type.String({ description: 'The encrypted bytes alone, base64' }),
        tag: Type.String({ description: 'The 16-byte authentication tag, base64' }),
      },
      { description: 'The same value in parts, for systems that store them separately' },
    ),
    algorithm: Type.Literal('aes-256-gcm', { description: 'The cipher used' }),
  }),
  examples: [{ title: 'Encrypt a secret note', input: { data: 'card ending 4242', associatedData: 'customer-17' } }],
  async run({ input, auth, ctx }) {
    const key = encryptionKey(auth, ctx.actionKey);
    const plaintext = readData(input.data, input.inputEncoding, 'data', ctx.actionKey);
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    if (input.associatedData !== undefined) cipher.setAAD(Buffer.from(input.associatedData, 'utf8'));
    const encrypted = Buffer.concat([cipher.update(plaintext), cipher.final()]);
    const tag = cipher.getAuthTag();
    return {
      ciphertext: Buffer.concat([iv, encrypted, tag]).toString('base64'),
      parts: { iv: iv.toString('base64'), ciphertext: encrypted.toString('base64'), tag: tag.toString('base64') },
      algorithm: 'aes-256-gcm' as const,
    };
  },
});
