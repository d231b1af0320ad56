import { defineAction, Type } from '@mova/sdk';
import { decodeJwt, decodeProtectedHeader } from 'jose';
import { auth } from '../auth.js';
import { toConnectorError } from '../errors.js';
import { claimsSchema, headerSchema, isoOfSeconds, plain } from '../jwt.js';

export const decodeJwtAction = defineAction({
  auth,
  key: 'jwt.decode',
  title: 'Decode a JWT without verifying it',
  description:
    'Reads the header and claims of a JSON Web Token without checking its signature, with its issue, not-before and expiry times as ISO dates: to look inside a token, e.g. read its kid or exp. Never trust what it gives for access decisions: use jwt.verify for that.',
  input: Type.Object({
    token: Type.String({ minLength: 1, description: 'The token (header.payload.signature)' }),
  }),
  output: Type.Object({
    header: headerSchema,
    claims: claimsSchema,
    issuedAt: Type.Union([Type.String(), Type.Null()], { description: 'iat as ISO 8601, or null' }),
    notBefore: Type.Union([Type.String(), Type.Null()], { description: 'nbf as ISO 8601, or null' }),
    expiresAt: Type.Union([Type.String(), Type.Null()], { description: 'exp as ISO 8601, or null' }),
    expired: Type.Union([Type.Boolean(), Type.Null()], { description: 'Whether exp is in the past; null without exp' }),
  }),
  examples: [
    {
      input: {
        token:
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
      },
      output: {
        header: { alg: 'HS256', typ: 'JWT' },
        claims: { sub: '1234567890', name: 'John Doe', iat: 1516239022 },
        issuedAt: '2018-01-18T01:30:22.000Z',
        notBefore: null,
        expiresAt: null,
        expired: null,
      },
    },
  ],
  async run({ input, ctx }) {
    try {
      const token = input.token.trim();
      const claims = plain(decodeJwt(token));
      return {
        header: plain(decodeProtectedHeader(token)),
        claims,
        issuedAt: isoOfSeconds(claims.iat),
        notBefore: isoOfSeconds(claims.nbf),
        expiresAt: isoOfSeconds(claims.exp),
        expired: typeof claims.exp === 'number' ? claims.exp * 1000 <= Date.now() : null,
      };
    } catch (error) {
      throw toConnectorError(error, ctx.actionKey);
    }
  },
});
