import { createHmac } from 'node:crypto';
import { defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { dataFields, digestEncodingField, readData } from '../data.js';
import { hmacKey } from '../keys.js';

export const HMAC_ALGORITHMS = ['sha256', 'sha1', 'sha384', 'sha512'] as const;
export const hmacAlgorithmField = Type.Union(
  HMAC_ALGORITHMS.map((a) => Type.Literal(a)),
  { default: 'sha256', description: 'Hash function of the HMAC: sha256 (default), sha1, sha384 or sha512' },
);

export const signHmac = defineAction({
  auth,
  key: 'hmac.sign',
  title: 'Sign with HMAC',
  description:
    "Computes an HMAC signature of text or bytes with the connection's hmacSecret (SHA-256 by default), as hex, base64 or base64url: to sign an outgoing webhook or an API request.",
  input: Type.Object({
    ...dataFields,
    algorithm: hmacAlgorithmField,
    encoding: digestEncodingField(),
  }),
  output: Type.Object({
    signature: Type.String({ description: 'The HMAC in the chosen encoding' }),
    algorithm: Type.String({ description: 'The hash function used' }),
    encoding: Type.String({ description: 'The encoding of the signature' }),
  }),
  examples: [
    {
      title: 'GitHub\'s documented webhook example (hmacSecret "It\'s a Secret to Everybody")',
      input: { data: 'Hello, World!' },
      output: {
        signature: '757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        algorithm: 'sha256',
        encoding: 'hex',
      },
    },
    {
      title: 'A base64 signature with SHA-512',
      input: { data: 'GET\n/v1/orders\n1714557600', algorithm: 'sha512', encoding: 'base64' },
    },
  ],
  async run({ input, auth, ctx }) {
    const bytes = readData(input.data, input.inputEncoding, 'data', ctx.actionKey);
    const signature = createHmac(input.algorithm, hmacKey(auth, ctx.actionKey)).update(bytes).digest(input.encoding);
    return { signature, algorithm: input.algorithm, encoding: input.encoding };
  },
});
