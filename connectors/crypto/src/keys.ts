import { createPrivateKey, createPublicKey, createSecretKey, type KeyObject } from 'node:crypto';
import type { CryptoConnection } from './connection.js';
import { invalidInput, missingKey } from './errors.js';

export const JWT_ALGORITHMS = [
  'HS256',
  'HS384',
  'HS512',
  'RS256',
  'RS384',
  'RS512',
  'PS256',
  'PS384',
  'PS512',
  'ES256',
  'ES384',
  'ES512',
  'EdDSA',
] as const;
export type JwtAlgorithm = (typeof JWT_ALGORITHMS)[number];

export const isHmacAlgorithm = (alg: string) => alg.startsWith('HS');

/** The HMAC secret's bytes. */
export function hmacKey(connection: CryptoConnection, actionKey?: string): Buffer {
  if (!connection.hmacSecret) throw missingKey('hmacSecret', 'HMAC signatures', actionKey);
  return Buffer.from(connection.hmacSecret, connection.hmacSecretEncoding ?? 'utf8');
}

/** The 32-byte AES-256 key, written as 64 hex characters or as base64. */
export function encryptionKey(connection: CryptoConnection, actionKey?: string): Buffer {
  const text = connection.encryptionKey?.trim();
  if (!text) throw missingKey('encryptionKey', 'AES-256-GCM', actionKey);
  const key = /^[0-9a-fA-F]{64}$/.test(text) ? Buffer.from(text, 'hex') : Buffer.from(text, 'base64');
  if (key.length !== 32) {
    throw invalidInput(
      `the connection's encryptionKey is ${key.length} bytes long; AES-256 needs exactly 32`,
      actionKey,
      'Use 32 random bytes written as 64 hex characters or as base64 (44 characters), e.g. from the random.bytes action.',
    );
  }
  return key;
}

/** The key that signs JWTs with `alg`. */
export function signingKey(connection: CryptoConnection, alg: string, actionKey?: string): KeyObject {
  if (isHmacAlgorithm(alg)) return jwtSecretKey(connection, alg, actionKey);
  if (!connection.jwtPrivateKey) throw missingKey('jwtPrivateKey', `${alg} signatures`, actionKey);
  return readPrivateKey(connection.jwtPrivateKey, actionKey);
}

/** The key that verifies JWTs signed with `alg`: the public key, or the one derived from the private key. */
export function verificationKey(connection: CryptoConnection, alg: string, actionKey?: string): KeyObject {
  if (isHmacAlgorithm(alg)) return jwtSecretKey(connection, alg, actionKey);
  if (connection.jwtPublicKey) return readPublicKey(connection.jwtPublicKey, actionKey);
  if (connection.jwtPrivateKey) return createPublicKey(readPrivateKey(connection.jwtPrivateKey, actionKey));
  throw missingKey('jwtPublicKey', `${alg} signatures`, actionKey);
}

/** The JWT algorithms the connection holds a key for, to accept on verify when none are named. */
export function algorithmsFor(connection: CryptoConnection, actionKey?: string): JwtAlgorithm[] {
  const algorithms: JwtAlgorithm[] = [];
  if (connection.jwtSecret) algorithms.push('HS256', 'HS384', 'HS512');
  const key = connection.jwtPublicKey
    ? readPublicKey(connection.jwtPublicKey, actionKey)
    : connection.jwtPrivateKey
      ? readPrivateKey(connection.jwtPrivateKey, actionKey)
      : undefined;
  if (key?.asymmetricKeyType === 'rsa' || key?.asymmetricKeyType === 'rsa-pss') {
    algorithms.push('RS256', 'RS384', 'RS512', 'PS256', 'PS384', 'PS512');
  } else if (key?.asymmetricKeyType === 'ec') {
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve === 'prime256v1') algorithms.push('ES256');
    if (curve === 'secp384r1') algorithms.push('ES384');
    if (curve === 'secp521r1') algorithms.push('ES512');
  } else if (key?.asymmetricKeyType === 'ed25519') {
    algorithms.push('EdDSA');
  }
  return algorithms;
}

/** Reads every key the connection gives, so a typo shows when the connection is tested. */
export function checkKeys(connection: CryptoConnection): void {
  if (connection.hmacSecret) hmacKey(connection);
  if (connection.encryptionKey) encryptionKey(connection);
  if (connection.jwtPrivateKey) readPrivateKey(connection.jwtPrivateKey);
  if (connection.jwtPublicKey) readPublicKey(connection.jwtPublicKey);
}

function jwtSecretKey(connection: CryptoConnection, alg: string, actionKey?: string): KeyObject {
  if (!connection.jwtSecret) throw missingKey('jwtSecret', `${alg} signatures`, actionKey);
  return createSecretKey(Buffer.from(connection.jwtSecret, 'utf8'));
}

function readPrivateKey(text: string, actionKey?: string): KeyObject {
  try {
    return text.trim().startsWith('{')
      ? createPrivateKey({ key: JSON.parse(text), format: 'jwk' })
      : createPrivateKey(text);
  } catch (error) {
    throw unreadable('jwtPrivateKey', error, actionKey);
  }
}

function readPublicKey(text: string, actionKey?: string): KeyObject {
  try {
    return text.trim().startsWith('{')
      ? createPublicKey({ key: JSON.parse(text), format: 'jwk' })
      : createPublicKey(text);
  } catch (error) {
    throw unreadable('jwtPublicKey', error, actionKey);
  }
}

function unreadable(field: string, error: unknown, actionKey?: string) {
  const reason = error instanceof Error ? error.message : String(error);
  return invalidInput(
    `the connection's ${field} cannot be read as a key (${reason})`,
    actionKey,
    'Give a PEM key including its -----BEGIN ...----- and -----END ...----- lines, or a JWK as JSON.',
  );
}
