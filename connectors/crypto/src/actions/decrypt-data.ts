import { createDecipheriv } from 'node:crypto';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { readData } from '../data.js';
import { invalidInput } from '../errors.js';
import { encryptionKey } from '../keys.js';
import { IV_BYTES, TAG_BYTES } from './encrypt-data.js';

export const decryptData = defineAction({
  auth,
  key: 'aes.decrypt',
  title: 'Decrypt with AES-256-GCM',
  description:
    "Decrypts what aes.encrypt gave (or IV, ciphertext and tag from another system) with the connection's encryptionKey, checking the authentication tag: a wrong key, altered data or different associated data fail the step instead of giving garbage.",
  input: Type.Object({
    ciphertext: Type.String({
      minLength: 1,
      description:
        'Base64 of IV, ciphertext and tag together, as aes.encrypt gives it; or the ciphertext alone when iv and tag are given',
    }),
    iv: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'The 12-byte IV, base64, when ciphertext holds the encrypted bytes alone',
      }),
    ),
    tag: Type.Optional(
      Type.String({
        minLength: 1,
        description: 'The 16-byte tag, base64, when ciphertext holds the encrypted bytes alone',
      }),
    ),
    associatedData: Type.Optional(Type.String({ description: 'The associated data given to encrypt, if any' })),
    outputEncoding: Type.Union([Type.Literal('utf8'), Type.Literal('base64'), Type.Literal('hex')], {
      default: 'utf8',
      description: 'How to give the decrypted bytes: utf8 text (default), or base64 or hex for binary data',
    }),
  }),
  output: Type.Object({
    data: Type.String({ description: 'The decrypted data in outputEncoding' }),
  }),
  examples: [
    {
      title: 'Test case 14 of the GCM specification (all-zero encryptionKey and IV), in parts',
      input: {
        ciphertext: 'zqdAPU1ga24HTsXTuvOdGA==',
        iv: 'AAAAAAAAAAAAAAAA',
        tag: '0NHIp5mZa/AmW5i11Iq5GQ==',
        outputEncoding: 'hex',
      },
      output: { data: '00000000000000000000000000000000' },
    },
  ],
  async run({ input, auth, ctx }) {
    const key = encryptionKey(auth, ctx.actionKey);
    const given = readData(input.ciphertext, 'base64', 'ciphertext', ctx.actionKey);
    let iv: Buffer;
    let tag: Buffer;
    let encrypted: Buffer;
    if (input.iv !== undefined || input.tag !== undefined) {
      if (input.iv === undefined || input.tag === undefined) {
        throw invalidInput(
          'give both iv and tag, or neither',
          ctx.actionKey,
          'Without them, ciphertext must be the combined value aes.encrypt gives.',
        );
      }
      iv = readData(input.iv, 'base64', 'iv', ctx.actionKey);
      tag = readData(input.tag, 'base64', 'tag', ctx.actionKey);
      encrypted = given;
    } else {
      if (given.length < IV_BYTES + TAG_BYTES) {
        throw invalidInput(
          `ciphertext is ${given.length} bytes, shorter than an IV and a tag (${IV_BYTES + TAG_BYTES})`,
          ctx.actionKey,
          'Pass the ciphertext value aes.encrypt gave, unchanged.',
        );
      }
      iv = given.subarray(0, IV_BYTES);
      tag = given.subarray(given.length - TAG_BYTES);
      encrypted = given.subarray(IV_BYTES, given.length - TAG_BYTES);
    }
    if (tag.length !== TAG_BYTES)
      throw invalidInput(`tag is ${tag.length} bytes; AES-GCM here uses ${TAG_BYTES}`, ctx.actionKey);
    if (iv.length === 0) throw invalidInput('iv is empty', ctx.actionKey);
    const decipher = createDecipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
    decipher.setAuthTag(tag);
    if (input.associatedData !== undefined) decipher.setAAD(Buffer.from(input.associatedData, 'utf8'));
    let plaintext: Buffer;
    try {
      plaintext = Buffer.concat([decipher.update(encrypted), decipher.final()]);
    } catch {
      // OpenSSL says only "Unsupported state or unable to authenticate data": say what it means.
      throw invalidInput(
        'the ciphertext does not authenticate: the key, the data or the associated data differ from what was encrypted',
        ctx.actionKey,
        'Check that the connection holds the same encryptionKey, the value is unchanged, and associatedData matches.',
      );
    }
    return { data: plaintext.toString(input.outputEncoding) };
  },
});
