import { verify } from 'node:crypto';
import { testServiceAccount } from '@mova/sdk/testing';
import nock from 'nock';
import { afterEach, beforeEach, expect } from 'vitest';

export const PROJECT = 'mova-test-project';
export const STORAGE_HOST = 'https://storage.googleapis.com';

/** A throwaway service account made for this test file; signatures are checked against its public half. */
const account = testServiceAccount({ projectId: PROJECT });
export const CLIENT_EMAIL = account.clientEmail;
export const PUBLIC_KEY = account.publicKey;

/**
 * A connection holding the account's key file. Each call gets its own private_key_id, so the
 * connector's per-connection client cache (and its access token) never carries over from one test
 * to the next; `project_id: null` leaves the project out of the key file.
 */
export function gcsConnection(fields: { project_id?: null; projectId?: string } = {}) {
  const keyFile = JSON.parse(account.keyFile()) as Record<string, string>;
  if (fields.project_id === null) delete keyFile.project_id;
  return {
    serviceAccountKey: JSON.stringify(keyFile),
    ...(fields.projectId ? { projectId: fields.projectId } : {}),
    keyId: keyFile.private_key_id ?? '',
  };
}

/** Blocks every address but loopback and fails a test that leaves an expected request unmade. */
export function isolateNetwork(): void {
  beforeEach(() => {
    nock.disableNetConnect();
    nock.enableNetConnect('127.0.0.1');
  });
  afterEach(() => {
    const pending = nock.pendingMocks();
    nock.cleanAll();
    expect(pending).toEqual([]);
  });
}

function decodeJwtPart(part: string | undefined): Record<string, unknown> {
  return JSON.parse(Buffer.from(part ?? '', 'base64url').toString('utf8'));
}

/**
 * The JWT bearer grant of "Using OAuth 2.0 for Server to Server Applications"
 * (developers.google.com/identity/protocols/oauth2/service-account): POST https://oauth2.googleapis.com/token
 * with grant_type=urn:ietf:params:oauth:grant-type:jwt-bearer and an RS256 assertion whose claims
 * are iss, scope, aud, iat and exp (at most an hour later). The assertion's signature is verified
 * with the test key's public half. `tokenUri` is where it is posted; `aud` stays Google's endpoint.
 */
export function mockToken(
  keyId: string,
  accessToken: string,
  tokenUri = 'https://oauth2.googleapis.com/token',
): nock.Scope {
  const { origin, pathname } = new URL(tokenUri);
  return nock(origin)
    .post(pathname, (body) => {
      expect(body.grant_type).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
      const [header, claims, signature] = String(body.assertion).split('.');
      expect(decodeJwtPart(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: keyId });
      const claimSet = decodeJwtPart(claims);
      expect(claimSet).toMatchObject({
        iss: CLIENT_EMAIL,
        scope: 'https://www.googleapis.com/auth/devstorage.read_write',
        aud: 'https://oauth2.googleapis.com/token',
      });
      expect(Number(claimSet.exp) - Number(claimSet.iat)).toBe(3600);
      expect(Math.abs(Number(claimSet.iat) - Date.now() / 1000)).toBeLessThan(60);
      const signed = Buffer.from(`${header}.${claims}`);
      expect(verify('RSA-SHA256', signed, PUBLIC_KEY, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
      return true;
    })
    .reply(200, { access_token: accessToken, expires_in: 3599, token_type: 'Bearer' });
}

/** A JSON API error body, as in Cloud Storage's "HTTP status and error codes" page. */
export function gcsError(code: number, reason: string, message: string) {
  return { error: { code, message, errors: [{ message, domain: 'global', reason }] } };
}
