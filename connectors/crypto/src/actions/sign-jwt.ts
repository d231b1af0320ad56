import { defineAction, Type } from '@mova/sdk';
import { SignJWT } from 'jose';
import { auth } from '../auth.js';
import { toConnectorError } from '../errors.js';
import { claimsSchema, headerSchema, isoOfSeconds, plain, stringOrList, timeSpan } from '../jwt.js';
import { JWT_ALGORITHMS, signingKey } from '../keys.js';

export const signJwt = defineAction({
  auth,
  key: 'jwt.sign',
  title: 'Sign a JWT',
  description:
    "Creates a signed JSON Web Token (JWS compact form) from claims, with an expiry, not-before time, issuer, subject, audience and id, signed with the connection's jwtSecret (HS256/384/512) or jwtPrivateKey (RS*, PS*, ES256/384/512, EdDSA): to call APIs that take a JWT, or hand out short-lived tokens.",
  input: Type.Object({
    claims: Type.Record(Type.String(), Type.Unknown(), {
      default: {},
      description: 'Claims to put in the token, e.g. { "role": "admin" }; the fields below override the same claims',
    }),
    algorithm: Type.Union(
      JWT_ALGORITHMS.map((a) => Type.Literal(a)),
      {
        default: 'HS256',
        description:
          'Signature algorithm: HS256 (default), HS384, HS512 with jwtSecret; RS*, PS*, ES*, EdDSA with jwtPrivateKey',
      },
    ),
    expiresIn: Type.Optional(timeSpan('Lifetime of the token (sets exp)')),
    notBefore: Type.Optional(timeSpan('Delay before the token becomes valid (sets nbf)')),
    issuer: Type.Optional(Type.String({ minLength: 1, description: 'Issuer (iss), e.g. https://auth.example.com' })),
    subject: Type.Optional(Type.String({ minLength: 1, description: 'Subject (sub), e.g. a user id' })),
    audience: Type.Optional(stringOrList('Audience (aud): who the token is for, one or several')),
    jwtId: Type.Optional(Type.String({ minLength: 1, description: 'Token id (jti), e.g. a UUID to prevent replay' })),
    issuedAt: Type.Boolean({ default: true, description: 'Set iat to the current time (default true)' }),
    type: Type.Optional(Type.String({ minLength: 1, description: 'typ header, e.g. "JWT" or "at+jwt"' })),
  }),
  output: Type.Object({
    token: Type.String({ description: 'The signed token, header.payload.signature' }),
    header: headerSchema,
    claims: claimsSchema,
    expiresAt: Type.Union([Type.String(), Type.Null()], { description: 'When the token expires (ISO 8601), or null' }),
  }),
  examples: [
    {
      title: 'A one-hour HS256 token for a user',
      input: {
        claims: { role: 'admin' },
        subject: 'user-42',
        issuer: 'mova',
        audience: 'billing-api',
        expiresIn: '1h',
      },
    },
    { title: 'An RS256 service token', input: { algorithm: 'RS256', subject: 'svc-reports', expiresIn: 300 } },
  ],
  async run({ input, auth, ctx }) {
    try {
      const header = {
        alg: input.algorithm,
        ...(input.type ? { typ: input.type } : {}),
        ...(auth.jwtKeyId ? { kid: auth.jwtKeyId } : {}),
      };
      const jwt = new SignJWT(input.claims).setProtectedHeader(header);
      if (input.issuedAt) jwt.setIssuedAt();
      if (input.expiresIn !== undefined) jwt.setExpirationTime(relative(input.expiresIn));
      if (input.notBefore !== undefined) jwt.setNotBefore(relative(input.notBefore));
      if (input.issuer) jwt.setIssuer(input.issuer);
      if (input.subject) jwt.setSubject(input.subject);
      if (input.audience) jwt.setAudience(input.audience);
      if (input.jwtId) jwt.setJti(input.jwtId);
      const token = await jwt.sign(signingKey(auth, input.algorithm, ctx.actionKey));
      const [, payload = ''] = token.split('.');
      const claims = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
      return { token, header: plain(header), claims, expiresAt: isoOfSeconds(claims.exp) };
    } catch (error) {
      throw toConnectorError(error, ctx.actionKey);
    }
  },
});

/** jose reads a number as an absolute Unix time: make seconds relative to now, as the input means. */
function relative(span: number | string): number | string {
  return typeof span === 'number' ? Math.floor(Date.now() / 1000) + span : span.trim();
}
