import { createHmac, timingSafeEqual } from 'node:crypto';
import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { dataFields, digestEncodingField, isEncoded, readData } from '../data.js';
import { hmacKey } from '../keys.js';
import { hmacAlgorithmField } from './sign-hmac.js';

export const verifyHmac = defineAction({
  auth,
  key: 'hmac.verify',
  title: 'Verify an HMAC signature',
  description:
    "Checks a signature against the HMAC of the data under the connection's hmacSecret, in constant time: to accept an incoming webhook (GitHub's X-Hub-Signature-256, Shopify's X-Shopify-Hmac-Sha256, ...) only from the sender. By default a wrong signature fails the step; with failOnInvalid false it gives valid: false instead.",
  input: Type.Object({
    ...dataFields,
    signature: Type.String({ description: 'The signature received, e.g. the value of the webhook signature header' }),
    prefix: Type.Optional(
      Type.String({
        description: 'Text before the signature to strip first, e.g. "sha256=" for GitHub and Hub-style webhooks',
      }),
    ),
    algorithm: hmacAlgorithmField,
    encoding: digestEncodingField('How the signature is written: hex (default), base64 or base64url'),
    failOnInvalid: Type.Boolean({
      default: true,
      description: 'Fail the step when the signature does not match (default true); false returns valid: false instead',
    }),
  }),
  output: Type.Object({
    valid: Type.Boolean({ description: 'True when the signature matches' }),
  }),
  examples: [
    {
      title:
        'A GitHub X-Hub-Signature-256 header (GitHub\'s documented example, hmacSecret "It\'s a Secret to Everybody")',
      input: {
        data: 'Hello, World!',
        signature: 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17',
        prefix: 'sha256=',
      },
      output: { valid: true },
    },
  ],
  async run({ input, auth, ctx }) {
    const bytes = readData(input.data, input.inputEncoding, 'data', ctx.actionKey);
    const expected = createHmac(input.algorithm, hmacKey(auth, ctx.actionKey)).update(bytes).digest();
    let given = input.signature.trim();
    if (input.prefix && given.startsWith(input.prefix)) given = given.slice(input.prefix.length);
    const received = isEncoded(given, input.encoding) ? Buffer.from(given, input.encoding) : Buffer.alloc(0);
    // Compare equal lengths only (timingSafeEqual throws otherwise); a length mismatch says
    // nothing about the secret, since every valid signature has the digest's length.
    const valid = received.length === expected.length && timingSafeEqual(received, expected);
    if (!valid && input.failOnInvalid) {
      throw new ConnectorError(
        'the HMAC signature does not match the data',
        { kind: 'invalid_input', actionKey: ctx.actionKey },
        'Check that data is the raw body exactly as received, the algorithm and encoding match the sender, and the connection holds the same secret; set failOnInvalid to false to branch on valid instead.',
      );
    }
    return { valid };
  },
});
