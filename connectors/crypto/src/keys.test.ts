import { generateKeyPairSync } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { CryptoConnection } from './connection.js';
import { algorithmsFor, checkKeys, encryptionKey, hmacKey, signingKey, verificationKey } from './keys.js';

const connection = (fields: Partial<CryptoConnection>): CryptoConnection => ({ hmacSecretEncoding: 'utf8', ...fields });
const pem = (key: { export(o: object): string | Buffer }, type: string) => String(key.export({ type, format: 'pem' }));

describe('encryptionKey', () => {
  it('reads 32 bytes written as hex or base64', () => {
    const bytes = Buffer.alloc(32, 7);
    expect(encryptionKey(connection({ encryptionKey: bytes.toString('hex') }))).toEqual(bytes);
    expect(encryptionKey(connection({ encryptionKey: bytes.toString('base64') }))).toEqual(bytes);
  });

  it('refuses another length as invalid input and a missing key as auth', () => {
    expect(() => encryptionKey(connection({ encryptionKey: Buffer.alloc(24).toString('base64') }))).toThrow(
      expect.objectContaining({ kind: 'invalid_input', message: expect.stringMatching(/24 bytes/) }),
    );
    expect(() => encryptionKey(connection({}), 'aes.encrypt')).toThrow(
      expect.objectContaining({ kind: 'auth', actionKey: 'aes.encrypt' }),
    );
  });
});

describe('hmacKey', () => {
  it('decodes the secret as the connection says', () => {
    expect(hmacKey(connection({ hmacSecret: 'abc' }))).toEqual(Buffer.from('abc'));
    expect(hmacKey(connection({ hmacSecret: '616263', hmacSecretEncoding: 'hex' }))).toEqual(Buffer.from('abc'));
    expect(hmacKey(connection({ hmacSecret: 'YWJj', hmacSecretEncoding: 'base64' }))).toEqual(Buffer.from('abc'));
  });
});

describe('JWT keys', () => {
  const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
  const ec384 = generateKeyPairSync('ec', { namedCurve: 'P-384' });
  const ed = generateKeyPairSync('ed25519');

  it('accepts the algorithms the keys fit, and HS* with a secret', () => {
    expect(algorithmsFor(connection({ jwtSecret: 's' }))).toEqual(['HS256', 'HS384', 'HS512']);
    expect(algorithmsFor(connection({ jwtPublicKey: pem(rsa.publicKey, 'spki') }))).toEqual([
      'RS256',
      'RS384',
      'RS512',
      'PS256',
      'PS384',
      'PS512',
    ]);
    expect(algorithmsFor(connection({ jwtPrivateKey: pem(ec384.privateKey, 'sec1') }))).toEqual(['ES384']);
    expect(algorithmsFor(connection({ jwtSecret: 's', jwtPublicKey: pem(ed.publicKey, 'spki') }))).toEqual([
      'HS256',
      'HS384',
      'HS512',
      'EdDSA',
    ]);
    expect(algorithmsFor(connection({}))).toEqual([]);
  });

  it('signs with the private key and verifies with the public one, or one derived from it', () => {
    const c = connection({ jwtPrivateKey: pem(rsa.privateKey, 'pkcs1') });
    expect(signingKey(c, 'RS256').type).toBe('private');
    expect(verificationKey(c, 'RS256').type).toBe('public');
    expect(signingKey(connection({ jwtSecret: 's' }), 'HS512').type).toBe('secret');
    expect(() => verificationKey(connection({ jwtSecret: 's' }), 'ES256')).toThrow(/jwtPublicKey/);
  });

  it('tells which connection field cannot be read', () => {
    expect(() =>
      checkKeys(connection({ jwtPublicKey: '-----BEGIN PUBLIC KEY-----\nbroken\n-----END PUBLIC KEY-----' })),
    ).toThrow(/jwtPublicKey cannot be read/);
    expect(() => checkKeys(connection({ jwtPrivateKey: '{"kty":"RSA"}' }))).toThrow(/jwtPrivateKey cannot be read/);
    expect(() => checkKeys(connection({ hmacSecret: 'x', jwtSecret: 'y' }))).not.toThrow();
  });
});
