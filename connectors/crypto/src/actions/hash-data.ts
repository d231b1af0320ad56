import { createHash } from 'node:crypto';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { dataFields, digestEncodingField, readData } from '../data.js';

const ALGORITHMS = ['sha256', 'sha384', 'sha512', 'sha1', 'md5', 'sha3-256', 'sha3-512'] as const;

export const hashData = defineAction({
  auth,
  key: 'hash',
  title: 'Hash data',
  description:
    'Computes a digest of text or bytes with SHA-256 (default), SHA-384, SHA-512, SHA-1, MD5 or SHA3, as hex, base64 or base64url: for checksums, deduplication keys or APIs that ask for a content hash. Needs no key.',
  input: Type.Object({
    ...dataFields,
    algorithm: Type.Union(
      ALGORITHMS.map((a) => Type.Literal(a)),
      {
        default: 'sha256',
        description:
          'Hash function: sha256 (default), sha384, sha512, sha3-256, sha3-512, or the legacy sha1 and md5 (not for security)',
      },
    ),
    encoding: digestEncodingField(),
  }),
  output: Type.Object({
    digest: Type.String({ description: 'The digest in the chosen encoding' }),
    algorithm: Type.String({ description: 'The hash function used' }),
    encoding: Type.String({ description: 'The encoding of the digest' }),
  }),
  examples: [
    {
      input: { data: 'hello' },
      output: {
        digest: '2cf24dba5fb0a30e26e83b2ac5b9e29e1b161e5c1fa7425e73043362938b9824',
        algorithm: 'sha256',
        encoding: 'hex',
      },
    },
    {
      title: 'MD5 of a file as base64 (a Content-MD5 header)',
      input: { data: 'aGVsbG8=', inputEncoding: 'base64', algorithm: 'md5', encoding: 'base64' },
      output: { digest: 'XUFAKrxLKna5cZ2REBfFkg==', algorithm: 'md5', encoding: 'base64' },
    },
  ],
  async run({ input, ctx }) {
    const bytes = readData(input.data, input.inputEncoding, 'data', ctx.actionKey);
    const digest = createHash(input.algorithm).update(bytes).digest(input.encoding);
    return { digest, algorithm: input.algorithm, encoding: input.encoding };
  },
});
