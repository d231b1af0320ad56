import { ConnectorError, defineAction, Type } from '@mova/sdk';
import { errors, type JWTVerifyOptions, jwtVerify } from 'jose';
import { auth } from '../auth.js';
import { invalidInput, toConnectorError } from '../errors.js';
import { claimsSchema, headerSchema, plain, stringOrList } from '../jwt.js';
import { algorithmsFor, JWT_ALGORITHMS, verificationKey } from '../keys.js';

const REASONS = [
  'expired',
  'not_yet_valid',
  'bad_signature',
  'claim_mismatch',
  'algorithm_not_allowed',
  'malformed',
] as const;
type Reason = (typeof REASONS)[number];

export const verifyJwt = defineAction({
  auth,
  key: 'jwt.verify',
  title: 'Verify a JWT',
  description:
    "Checks a JSON Web Token's signature with the connection's jwtSecret or public key, and its claims: expiry (exp) and not-before (nbf) always, issuer, audience, subject and age when asked. Gives the verified claims. By default an invalid token fails the step; with failOnInvalid false it gives valid: false and the reason.",
  input: Type.Object({
    token: Type.String({
      minLength: 1,
      description: 'The token, e.g. from an Authorization: Bearer header (without "Bearer ")',
    }),
    algorithms: Type.Optional(
      Type.Array(Type.Union(JWT_ALGORITHMS.map((a) => Type.Literal(a))), {
        minItems: 1,
        uniqueItems: true,
        description: "Algorithms to accept; by default those the connection's keys can verify",
      }),
    ),
    issuer: Type.Optional(stringOrList('Required issuer (iss), or a list of accepted ones')),
    audience: Type.Optional(stringOrList('Required audience (aud): the token must name this one, or one of these')),
    subject: Type.Optional(Type.String({ minLength: 1, description: 'Required subject (sub)' })),
    maxAgeSeconds: Type.Optional(
      Type.Integer({
        minimum: 1,
        description: 'Refuse tokens issued (iat) longer ago than this many seconds (reason: expired)',
      }),
    ),
    clockToleranceSeconds: Type.Integer({
      minimum: 0,
      maximum: 300,
      default: 0,
      description: 'Seconds of clock skew to allow on exp, nbf and iat (default 0)',
    }),
    requiredClaims: Type.Array(Type.String({ minLength: 1 }), {
      default: [],
      description: 'Claims that must be present, e.g. ["exp", "sub"]',
    }),
    failOnInvalid: Type.Boolean({
      default: true,
      description: 'Fail the step when the token is invalid (default true); false returns valid: false with the reason',
    }),
  }),
  output: Type.Object({
    valid: Type.Boolean({ description: 'True when the signature and every checked claim hold' }),
    reason: Type.Union([...REASONS.map((r) => Type.Literal(r)), Type.Null()], {
      description:
        'Why the token is invalid: expired, not_yet_valid, bad_signature, claim_mismatch, algorithm_not_allowed, malformed; null when valid',
    }),
    message: Type.Union([Type.String(), Type.Null()], {
      description: 'What failed, e.g. the claim that did not match',
    }),
    claims: Type.Union([claimsSchema, Type.Null()], { description: 'The verified claims, or null when invalid' }),
    header: Type.Union([headerSchema, Type.Null()], { description: 'The verified header, or null when invalid' }),
  }),
  examples: [
    {
      title: 'The jwt.io example token (jwtSecret "your-256-bit-secret")',
      input: {
        token:
          'eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIiwibmFtZSI6IkpvaG4gRG9lIiwiaWF0IjoxNTE2MjM5MDIyfQ.SflKxwRJSMeKKF2QT4fwpMeJf36POk6yJV_adQssw5c',
        subject: '1234567890',
      },
      output: {
        valid: true,
        reason: null,
        message: null,
        claims: { sub: '1234567890', name: 'John Doe', iat: 1516239022 },
        header: { alg: 'HS256', typ: 'JWT' },
      },
    },
  ],
  async run({ input, auth, ctx }) {
    const algorithms = input.algorithms ?? algorithmsFor(auth, ctx.actionKey);
    if (algorithms.length === 0) {
      throw new ConnectorError(
        'the connection has no key to verify JWTs with',
        { kind: 'auth', actionKey: ctx.actionKey },
        'Add jwtSecret (HS256/384/512) or jwtPublicKey (RS*, PS*, ES*, EdDSA) to the crypto connection.',
      );
    }
    const options: JWTVerifyOptions = {
      algorithms,
      clockTolerance: input.clockToleranceSeconds,
      requiredClaims: input.requiredClaims,
    };
    if (input.issuer) options.issuer = input.issuer;
    if (input.audience) options.audience = input.audience;
    if (input.subject) options.subject = input.subject;
    if (input.maxAgeSeconds) options.maxTokenAge = input.maxAgeSeconds;
    try {
      const { payload, protectedHeader } = await jwtVerify(
        input.token.trim(),
        (header) => verificationKey(auth, String(header.alg), ctx.actionKey),
        options,
      );
      return { valid: true, reason: null, message: null, claims: plain(payload), header: plain(protectedHeader) };
    } catch (error) {
      const reason = reasonOf(error);
      if (!reason) throw toConnectorError(error, ctx.actionKey);
      const message = error instanceof Error ? error.message : String(error);
      if (input.failOnInvalid) {
        throw invalidInput(
          `the JWT is not valid (${reason}): ${message}`,
          ctx.actionKey,
          'Set failOnInvalid to false to branch on valid and reason instead of failing.',
        );
      }
      return { valid: false, reason, message, claims: null, header: null };
    }
  },
});

/** Why jose refused a token, or undefined when the failure is not the token's (a missing key). */
function reasonOf(error: unknown): Reason | undefined {
  if (error instanceof errors.JWTExpired) return 'expired';
  if (error instanceof errors.JWTClaimValidationFailed)
    return error.claim === 'nbf' ? 'not_yet_valid' : 'claim_mismatch';
  if (error instanceof errors.JWSSignatureVerificationFailed) return 'bad_signature';
  if (error instanceof errors.JOSEAlgNotAllowed) return 'algorithm_not_allowed';
  if (
    error instanceof errors.JWSInvalid ||
    error instanceof errors.JWTInvalid ||
    error instanceof errors.JOSENotSupported
  ) {
    return 'malformed';
  }
  return undefined;
}
