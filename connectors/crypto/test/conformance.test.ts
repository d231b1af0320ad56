import {
  createDecipheriv,
  createHash,
  createHmac,
  createPublicKey,
  generateKeyPairSync,
  type KeyObject,
  sign,
  verify,
} from 'node:crypto';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in (a worker thread with no network: the manifest
// allows no host). The references are published test vectors, each named where it is used
// (FIPS 180-2, RFC 4231, GitHub's webhook docs, jwt.io, the GCM specification), and node:crypto
// used directly and independently of jose: JWTs the connector signs are checked with crypto.verify,
// and tokens signed by hand with node:crypto are given to the connector to verify.
let crypto: ConnectorUnderTest;

const rsa = generateKeyPairSync('rsa', { modulusLength: 2048 });
const ec = generateKeyPairSync('ec', { namedCurve: 'P-256' });
const pem = (key: KeyObject, type: 'pkcs8' | 'pkcs1' | 'sec1' | 'spki') => String(key.export({ type, format: 'pem' }));

/** The connection the manifest's examples are written for: published test secrets. */
const EXAMPLE = {
  hmacSecret: "It's a Secret to Everybody",
  jwtSecret: 'your-256-bit-secret',
  jwtPrivateKey: pem(rsa.privateKey, 'pkcs1'),
  encryptionKey: '0'.repeat(64),
};

beforeAll(async () => {
  crypto = await loadConnector({ dir: new URL('..', import.meta.url) });
});
afterAll(async () => {
  await crypto.close();
});

const call = (action: string, input: unknown, auth: Record<string, unknown> = EXAMPLE) =>
  crypto.run(action, input, { auth });
const run = async (action: string, input: unknown, auth: Record<string, unknown> = EXAMPLE) => {
  const result = await call(action, input, auth);
  expect(result, JSON.stringify(result.error)).toMatchObject({ status: 'completed', isolation: 'worker' });
  return result.output as Record<string, unknown>;
};

const b64url = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
const now = () => Math.floor(Date.now() / 1000);
/** A JWT signed by hand with node:crypto, never through jose. */
function handSigned(header: Record<string, unknown>, claims: Record<string, unknown>, key: KeyObject | string): string {
  const input = `${b64url(header)}.${b64url(claims)}`;
  const alg = String(header.alg);
  const signature =
    alg === 'HS256'
      ? createHmac('sha256', key).update(input).digest()
      : sign(
          'sha256',
          Buffer.from(input),
          alg === 'ES256' ? { key: key as KeyObject, dsaEncoding: 'ieee-p1363' } : key,
        );
  return `${input}.${signature.toString('base64url')}`;
}

describe('every example in the manifest', () => {
  it('runs with the published test secrets, and gives the output it shows', async () => {
    expect(crypto.manifest.network).toEqual({ allow: [] });
    for (const action of crypto.manifest.actions) {
      for (const example of action.examples) {
        const output = await run(action.key, example.input);
        if (example.output !== undefined) expect(output, `${action.key}: ${example.title}`).toEqual(example.output);
      }
    }
  });
});

describe('hash', () => {
  it('matches the FIPS 180-2 and RFC 1321 test vectors', async () => {
    expect((await run('hash', { data: 'abc' })).digest).toBe(
      'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad',
    );
    expect((await run('hash', { data: 'abc', algorithm: 'sha512' })).digest).toBe(
      'ddaf35a193617abacc417349ae20413112e6fa4e89a97ea20a9eeee64b55d39a2192992a274fc1a836ba3c23a3feebbd454d4423643ce80e2a9ac94fa54ca49f',
    );
    expect((await run('hash', { data: '', algorithm: 'md5' })).digest).toBe('d41d8cd98f00b204e9800998ecf8427e');
  });

  it('hashes bytes given as base64 or hex, and writes base64url', async () => {
    const bytes = Buffer.from([0, 255, 1, 254]);
    const expected = createHash('sha3-256').update(bytes).digest('base64url');
    for (const [data, inputEncoding] of [
      [bytes.toString('base64'), 'base64'],
      [bytes.toString('hex'), 'hex'],
    ]) {
      expect(await run('hash', { data, inputEncoding, algorithm: 'sha3-256', encoding: 'base64url' })).toEqual({
        digest: expected,
        algorithm: 'sha3-256',
        encoding: 'base64url',
      });
    }
    expect(await call('hash', { data: 'zz', inputEncoding: 'hex' })).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });
});

describe('hmac', () => {
  const rfc4231 = { hmacSecret: 'Jefe' };

  it('signs to the RFC 4231 test case 2 values', async () => {
    const data = 'what do ya want for nothing?';
    expect((await run('hmac.sign', { data }, rfc4231)).signature).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
    expect((await run('hmac.sign', { data, algorithm: 'sha512' }, rfc4231)).signature).toBe(
      '164b7a7bfcf819e2e395fbe73b56e0a387bd64222e831fd610270cd7ea2505549758bf75c05a994a6d034f65f8f0e6fdcaeab1a34d4a6b4b636e070a38bce737',
    );
    // The same secret written as hex bytes gives the same signature.
    const hex = { hmacSecret: Buffer.from('Jefe').toString('hex'), hmacSecretEncoding: 'hex' };
    expect((await run('hmac.sign', { data }, hex)).signature).toBe(
      '5bdcc146bf60754e6a042426089575c75a003f089d2739839dec58b964ec3843',
    );
  });

  it("accepts GitHub's documented signature and refuses a changed body or signature", async () => {
    const good = { data: 'Hello, World!', prefix: 'sha256=' };
    const signature = 'sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17';
    expect(await run('hmac.verify', { ...good, signature })).toEqual({ valid: true });

    const changedBody = await call('hmac.verify', { ...good, data: 'Hello, World?', signature });
    expect(changedBody).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(changedBody.error?.message).toMatch(/does not match/);
    for (const wrong of [
      signature.replace('757107', '757108'),
      signature.slice(0, -2),
      'sha256=not-hex',
      '',
      signature.replace('sha256=', 'sha1='),
    ]) {
      expect(await run('hmac.verify', { ...good, signature: wrong, failOnInvalid: false }), wrong).toEqual({
        valid: false,
      });
    }
  });

  it('verifies base64 signatures (Shopify style) over base64 bytes', async () => {
    const body = Buffer.from('{"id":1,"total":"9.99"}');
    const signature = createHmac('sha256', "It's a Secret to Everybody").update(body).digest('base64');
    expect(
      await run('hmac.verify', {
        data: body.toString('base64'),
        inputEncoding: 'base64',
        signature,
        encoding: 'base64',
      }),
    ).toEqual({ valid: true });
  });

  it('needs an hmacSecret in the connection', async () => {
    const result = await call('hmac.sign', { data: 'x' }, { jwtSecret: 'only-this' });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(result.error?.message).toMatch(/hmacSecret/);
  });
});

describe('jwt.sign', () => {
  it('signs HS256 tokens that an HMAC over header.payload confirms, with the claims asked for', async () => {
    const before = now();
    const out = await run('jwt.sign', {
      claims: { role: 'admin', sub: 'overridden' },
      subject: 'user-42',
      issuer: 'mova',
      audience: ['billing', 'reports'],
      expiresIn: '1h',
      notBefore: 5,
      jwtId: 'j-1',
      type: 'JWT',
    });
    const token = String(out.token);
    const [header = '', payload = '', signature = ''] = token.split('.');
    expect(createHmac('sha256', EXAMPLE.jwtSecret).update(`${header}.${payload}`).digest('base64url')).toBe(signature);
    const claims = JSON.parse(Buffer.from(payload, 'base64url').toString());
    expect(JSON.parse(Buffer.from(header, 'base64url').toString())).toEqual({ alg: 'HS256', typ: 'JWT' });
    expect(claims).toMatchObject({
      role: 'admin',
      sub: 'user-42',
      iss: 'mova',
      aud: ['billing', 'reports'],
      jti: 'j-1',
    });
    expect(claims.iat).toBeGreaterThanOrEqual(before);
    expect(claims.exp - claims.iat).toBe(3600);
    expect(claims.nbf - claims.iat).toBe(5);
    expect(out).toMatchObject({
      claims,
      header: { alg: 'HS256', typ: 'JWT' },
      expiresAt: new Date(claims.exp * 1000).toISOString(),
    });
  });

  it('signs RS256 and ES256 tokens that node:crypto verifies with the public key, with the key id', async () => {
    for (const [alg, keys, privateKey] of [
      ['RS256', rsa, pem(rsa.privateKey, 'pkcs8')],
      ['ES256', ec, pem(ec.privateKey, 'sec1')],
    ] as const) {
      const out = await run(
        'jwt.sign',
        { algorithm: alg, subject: 'svc' },
        { jwtPrivateKey: privateKey, jwtKeyId: 'k-2024' },
      );
      const [header = '', payload = '', signature = ''] = String(out.token).split('.');
      const signed = Buffer.from(`${header}.${payload}`);
      const key = alg === 'ES256' ? { key: keys.publicKey, dsaEncoding: 'ieee-p1363' as const } : keys.publicKey;
      expect(verify('sha256', signed, key, Buffer.from(signature, 'base64url')), alg).toBe(true);
      expect(out.header).toEqual({ alg, kid: 'k-2024' });
      expect(out.expiresAt).toBeNull();
    }
  });

  it('refuses an algorithm whose key the connection lacks, or a key of the wrong kind', async () => {
    expect(await call('jwt.sign', { algorithm: 'RS256' }, { jwtSecret: 'x'.repeat(32) })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth' },
    });
    const wrongKind = await call('jwt.sign', { algorithm: 'ES256' }, { jwtPrivateKey: pem(rsa.privateKey, 'pkcs8') });
    expect(wrongKind).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const garbage = await call('jwt.sign', { algorithm: 'RS256' }, { jwtPrivateKey: 'not a key' });
    expect(garbage).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(garbage.error?.message).toMatch(/jwtPrivateKey cannot be read/);
  });
});

describe('jwt.verify', () => {
  const hs = { jwtSecret: 'a-shared-secret-of-32-characters!' };
  const es = { jwtPublicKey: pem(ec.publicKey, 'spki') };

  it('accepts hand-signed HS256 and ES256 tokens and checks iss, aud and sub', async () => {
    const claims = { sub: 'u1', iss: 'https://auth.example.com', aud: ['api'], exp: now() + 600, nbf: now() - 5 };
    const options = { issuer: 'https://auth.example.com', audience: 'api', subject: 'u1' };
    const hsToken = handSigned({ alg: 'HS256', typ: 'JWT' }, claims, hs.jwtSecret);
    expect(await run('jwt.verify', { token: hsToken, ...options }, hs)).toEqual({
      valid: true,
      reason: null,
      message: null,
      claims,
      header: { alg: 'HS256', typ: 'JWT' },
    });
    const esToken = handSigned({ alg: 'ES256', kid: 'k1' }, claims, ec.privateKey);
    expect(await run('jwt.verify', { token: esToken, ...options }, es)).toMatchObject({ valid: true, claims });
    // The public key may also be derived from the private key in the connection.
    expect(await run('jwt.verify', { token: esToken }, { jwtPrivateKey: pem(ec.privateKey, 'pkcs8') })).toMatchObject({
      valid: true,
    });
  });

  it('says why a token is invalid: expiry, not-before, claims, signature, form', async () => {
    const verifyHs = (token: string, extra: Record<string, unknown> = {}) =>
      run('jwt.verify', { token, failOnInvalid: false, ...extra }, hs);
    const cases: [string, Record<string, unknown>, string][] = [
      [handSigned({ alg: 'HS256' }, { exp: now() - 60 }, hs.jwtSecret), {}, 'expired'],
      [handSigned({ alg: 'HS256' }, { nbf: now() + 600 }, hs.jwtSecret), {}, 'not_yet_valid'],
      [handSigned({ alg: 'HS256' }, { aud: 'other' }, hs.jwtSecret), { audience: 'api' }, 'claim_mismatch'],
      [handSigned({ alg: 'HS256' }, { iss: 'evil' }, hs.jwtSecret), { issuer: 'good' }, 'claim_mismatch'],
      [handSigned({ alg: 'HS256' }, {}, hs.jwtSecret), { requiredClaims: ['exp'] }, 'claim_mismatch'],
      // Too old for maxAgeSeconds counts as expired, as jose reports it.
      [handSigned({ alg: 'HS256' }, { iat: now() - 3600 }, hs.jwtSecret), { maxAgeSeconds: 60 }, 'expired'],
      [handSigned({ alg: 'HS256' }, { sub: 'u1' }, 'another-secret'), {}, 'bad_signature'],
      ['not.a.jwt', {}, 'malformed'],
    ];
    for (const [token, extra, reason] of cases) {
      expect(await verifyHs(token, extra), `${reason} ${JSON.stringify(extra)}`).toMatchObject({
        valid: false,
        reason,
        claims: null,
        header: null,
      });
    }
    // Within the clock tolerance an expired token still passes.
    expect(
      await verifyHs(handSigned({ alg: 'HS256' }, { exp: now() - 2 }, hs.jwtSecret), { clockToleranceSeconds: 30 }),
    ).toMatchObject({ valid: true });
    // By default an invalid token fails the step.
    const failed = await call(
      'jwt.verify',
      { token: handSigned({ alg: 'HS256' }, { exp: now() - 60 }, hs.jwtSecret) },
      hs,
    );
    expect(failed).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(failed.error?.message).toMatch(/expired/);
  });

  it('refuses algorithm confusion: an HS256 token signed with the RSA public key, and alg none', async () => {
    const publicPem = pem(rsa.publicKey, 'spki');
    const forged = handSigned({ alg: 'HS256' }, { sub: 'admin' }, publicPem);
    expect(await run('jwt.verify', { token: forged, failOnInvalid: false }, { jwtPublicKey: publicPem })).toMatchObject(
      { valid: false, reason: 'algorithm_not_allowed' },
    );
    const none = `${b64url({ alg: 'none' })}.${b64url({ sub: 'admin' })}.`;
    expect(await run('jwt.verify', { token: none, failOnInvalid: false }, hs)).toMatchObject({ valid: false });
    // A certificate works as the public key too; here the RSA key's own PEM, by JWK.
    const jwk = JSON.stringify(createPublicKey(rsa.privateKey).export({ format: 'jwk' }));
    const rs = handSigned({ alg: 'RS256' }, { sub: 'ok' }, rsa.privateKey);
    expect(await run('jwt.verify', { token: rs }, { jwtPublicKey: jwk })).toMatchObject({
      valid: true,
      claims: { sub: 'ok' },
    });
  });

  it('needs a key to verify with', async () => {
    expect(await call('jwt.verify', { token: 'a.b.c' }, { hmacSecret: 'x' })).toMatchObject({
      status: 'failed',
      error: { kind: 'auth' },
    });
  });
});

describe('jwt.decode', () => {
  it('reads header and claims without a key, with times as ISO dates', async () => {
    const exp = now() - 10;
    const token = handSigned({ alg: 'ES256', kid: 'k9' }, { sub: 'x', iat: exp - 100, exp }, ec.privateKey);
    expect(await run('jwt.decode', { token }, {})).toEqual({
      header: { alg: 'ES256', kid: 'k9' },
      claims: { sub: 'x', iat: exp - 100, exp },
      issuedAt: new Date((exp - 100) * 1000).toISOString(),
      notBefore: null,
      expiresAt: new Date(exp * 1000).toISOString(),
      expired: true,
    });
    expect(await call('jwt.decode', { token: 'nope' }, {})).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input' },
    });
  });
});

describe('random', () => {
  it('generates distinct version 4 UUIDs', async () => {
    const out = await run('random.uuid', { count: 50 }, {});
    const uuids = out.uuids as string[];
    expect(uuids).toHaveLength(50);
    expect(new Set(uuids).size).toBe(50);
    expect(out.uuid).toBe(uuids[0]);
    for (const uuid of uuids)
      expect(uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it('generates the number of bytes asked, in the encoding asked', async () => {
    for (const encoding of ['hex', 'base64', 'base64url'] as const) {
      const out = await run('random.bytes', { length: 48, encoding }, {});
      expect(Buffer.from(String(out.value), encoding)).toHaveLength(48);
      expect(out).toMatchObject({ length: 48, encoding });
    }
    const a = await run('random.bytes', {}, {});
    const b = await run('random.bytes', {}, {});
    expect(a.value).not.toBe(b.value);
    expect(String(a.value)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('aes', () => {
  const key = Buffer.from('000102030405060708090a0b0c0d0e0f101112131415161718191a1b1c1d1e1f', 'hex');
  const connection = { encryptionKey: key.toString('base64') };

  it('encrypts so that node:crypto decrypts it, and decrypts it back', async () => {
    const out = await run('aes.encrypt', { data: 'Grüße, 4242', associatedData: 'customer-17' }, connection);
    const parts = out.parts as { iv: string; ciphertext: string; tag: string };
    const decipher = createDecipheriv('aes-256-gcm', key, Buffer.from(parts.iv, 'base64'));
    decipher.setAAD(Buffer.from('customer-17'));
    decipher.setAuthTag(Buffer.from(parts.tag, 'base64'));
    const plain = Buffer.concat([decipher.update(Buffer.from(parts.ciphertext, 'base64')), decipher.final()]);
    expect(plain.toString('utf8')).toBe('Grüße, 4242');
    expect(Buffer.from(String(out.ciphertext), 'base64')).toEqual(
      Buffer.concat([
        Buffer.from(parts.iv, 'base64'),
        Buffer.from(parts.ciphertext, 'base64'),
        Buffer.from(parts.tag, 'base64'),
      ]),
    );
    expect(out.algorithm).toBe('aes-256-gcm');

    expect(await run('aes.decrypt', { ciphertext: out.ciphertext, associatedData: 'customer-17' }, connection)).toEqual(
      { data: 'Grüße, 4242' },
    );
    expect(await run('aes.decrypt', { ...parts, associatedData: 'customer-17' }, connection)).toEqual({
      data: 'Grüße, 4242',
    });
    // A fresh IV each time: the same plaintext never encrypts the same way twice.
    const again = await run('aes.encrypt', { data: 'Grüße, 4242', associatedData: 'customer-17' }, connection);
    expect(again.ciphertext).not.toBe(out.ciphertext);
  });

  it('round-trips binary data', async () => {
    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const out = await run('aes.encrypt', { data: bytes.toString('hex'), inputEncoding: 'hex' }, connection);
    expect(await run('aes.decrypt', { ciphertext: out.ciphertext, outputEncoding: 'base64' }, connection)).toEqual({
      data: bytes.toString('base64'),
    });
  });

  it('refuses altered data, other associated data and another key', async () => {
    const out = await run('aes.encrypt', { data: 'secret', associatedData: 'a' }, connection);
    const bytes = Buffer.from(String(out.ciphertext), 'base64');
    bytes[14] = (bytes[14] ?? 0) ^ 1;
    const failures = [
      await call('aes.decrypt', { ciphertext: bytes.toString('base64'), associatedData: 'a' }, connection),
      await call('aes.decrypt', { ciphertext: out.ciphertext, associatedData: 'b' }, connection),
      await call('aes.decrypt', { ciphertext: out.ciphertext, associatedData: 'a' }, { encryptionKey: 'f'.repeat(64) }),
    ];
    for (const failure of failures) {
      expect(failure).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
      expect(failure.error?.message).toMatch(/does not authenticate/);
    }
  });

  it('refuses a key that is not 32 bytes, and a connection without one', async () => {
    const short = await call('aes.encrypt', { data: 'x' }, { encryptionKey: Buffer.alloc(16).toString('base64') });
    expect(short).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(short.error?.message).toMatch(/16 bytes/);
    expect(await call('aes.encrypt', { data: 'x' }, {})).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
  });
});
