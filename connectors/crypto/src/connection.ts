import { type Static, Type } from '@mova/sdk';

const secret = (description: string) => Type.Optional(Type.String({ minLength: 1, writeOnly: true, description }));

/**
 * The keys live in the connection, never in a step's input: the runtime redacts these secret
 * (`writeOnly`) fields from logs and run records, and workflows refer to them only by name.
 */
export const connectionFields = Type.Object({
  hmacSecret: secret('Shared secret for HMAC signatures, e.g. a webhook signing secret'),
  hmacSecretEncoding: Type.Union([Type.Literal('utf8'), Type.Literal('hex'), Type.Literal('base64')], {
    default: 'utf8',
    description:
      'How hmacSecret is written: utf8 text as given (default, as most webhook secrets), hex or base64 bytes',
  }),
  jwtSecret: secret('Shared secret for HS256/HS384/HS512 JWTs (at least 32 characters recommended)'),
  jwtPrivateKey: secret('Private key for RS*, PS*, ES* and EdDSA JWTs: PEM (PKCS#8, PKCS#1 or SEC1) or a JWK as JSON'),
  jwtPublicKey: Type.Optional(
    Type.String({
      minLength: 1,
      description:
        'Public key to verify RS*, PS*, ES* and EdDSA JWTs: PEM (SPKI or an X.509 certificate) or a JWK as JSON; derived from jwtPrivateKey when left out',
    }),
  ),
  jwtKeyId: Type.Optional(
    Type.String({ minLength: 1, description: 'Key id written as "kid" in the header of signed JWTs' }),
  ),
  encryptionKey: secret('AES-256-GCM key: 32 random bytes as 64 hex characters or as base64 (e.g. from random.bytes)'),
});

export type CryptoConnection = Static<typeof connectionFields>;
