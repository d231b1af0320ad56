import { createPrivateKey, generateKeyPairSync, sign } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { googleTokenIssuer, testServiceAccount } from './google-token.js';
import { type ReferenceServer, startReferenceServer } from './reference-server.js';

const clientEmail = 'robot@project.iam.gserviceaccount.com';
const { publicKey, privateKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const { privateKey: otherKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });

function assertion(claims: Record<string, unknown>, key = privateKey): string {
  const part = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
  const signed = `${part({ alg: 'RS256', typ: 'JWT' })}.${part(claims)}`;
  return `${signed}.${sign('RSA-SHA256', Buffer.from(signed), key).toString('base64url')}`;
}

function claims(extra: Record<string, unknown> = {}): Record<string, unknown> {
  const iat = Math.floor(Date.now() / 1000);
  const aud = 'https://oauth2.googleapis.com/token';
  return { iss: clientEmail, scope: 'https://www.googleapis.com/auth/drive', aud, iat, exp: iat + 3600, ...extra };
}

let server: ReferenceServer | undefined;
afterEach(async () => {
  await server?.close();
  server = undefined;
});

async function start() {
  const tokens = googleTokenIssuer({ clientEmail, publicKey });
  server = await startReferenceServer();
  server.route('POST', '/token', (request) => tokens.answer(request));
  const url = `${server.url}/token`;
  const post = async (form: Record<string, string>) => {
    const response = await fetch(url, { method: 'POST', body: new URLSearchParams(form) });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  return { tokens, post };
}

const jwtBearer = 'urn:ietf:params:oauth:grant-type:jwt-bearer';

describe('googleTokenIssuer', () => {
  it('issues an access token for a service-account assertion signed with the key, with its scope and subject', async () => {
    const { tokens, post } = await start();
    const { status, body } = await post({ grant_type: jwtBearer, assertion: assertion(claims({ sub: 'ann@x.com' })) });
    expect(status).toBe(200);
    expect(body).toMatchObject({ token_type: 'Bearer', scope: 'https://www.googleapis.com/auth/drive' });
    expect(tokens.issued.get(String(body.access_token))).toEqual({
      scope: 'https://www.googleapis.com/auth/drive',
      subject: 'ann@x.com',
    });
  });

  it('refuses an assertion signed with another key, or for another audience or issuer', async () => {
    const { tokens, post } = await start();
    const signedElsewhere = await post({ grant_type: jwtBearer, assertion: assertion(claims(), otherKey) });
    expect(signedElsewhere).toEqual({
      status: 400,
      body: { error: 'invalid_grant', error_description: 'Invalid JWT Signature.' },
    });
    const wrongAudience = await post({ grant_type: jwtBearer, assertion: assertion(claims({ aud: 'https://x' })) });
    expect(wrongAudience.status).toBe(400);
    const wrongIssuer = await post({ grant_type: jwtBearer, assertion: assertion(claims({ iss: 'eve@x.com' })) });
    expect(wrongIssuer.body.error).toBe('invalid_grant');
    expect(tokens.issued.size).toBe(0);
  });

  it('refreshes with a known refresh token and its client, and tells a wrong secret from an unknown token', async () => {
    const { tokens, post } = await start();
    tokens.refreshTokens.set('1//r', { clientId: 'c', clientSecret: 's', scope: 'openid' });
    const ok = await post({ grant_type: 'refresh_token', refresh_token: '1//r', client_id: 'c', client_secret: 's' });
    expect(ok.status).toBe(200);
    expect(tokens.issued.get(String(ok.body.access_token))?.scope).toBe('openid');
    const badSecret = await post({
      grant_type: 'refresh_token',
      refresh_token: '1//r',
      client_id: 'c',
      client_secret: 'x',
    });
    expect(badSecret).toMatchObject({ status: 401, body: { error: 'invalid_client' } });
    const unknown = await post({
      grant_type: 'refresh_token',
      refresh_token: '1//z',
      client_id: 'c',
      client_secret: 's',
    });
    expect(unknown).toMatchObject({ status: 400, body: { error: 'invalid_grant' } });
  });

  it('answers unsupported_grant_type for other grants and invalid_request for a JSON body', async () => {
    const { post } = await start();
    expect((await post({ grant_type: 'password' })).body.error).toBe('unsupported_grant_type');
    const json = await fetch(`${server?.url}/token`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ grant_type: jwtBearer }),
    });
    expect(json.status).toBe(400);
    expect(((await json.json()) as { error: string }).error).toBe('invalid_request');
  });
});

describe('grantOf', () => {
  it("finds the grant behind a request's bearer token and says whether it has the scope", async () => {
    const { tokens, post } = await start();
    const { body } = await post({ grant_type: jwtBearer, assertion: assertion(claims({ sub: 'ann@x.com' })) });
    const request = (authorization?: string) => ({
      method: 'GET',
      path: '/drive/v3/files',
      query: new URLSearchParams(),
      headers: authorization === undefined ? {} : { authorization },
      body: undefined,
      rawBody: Buffer.alloc(0),
      params: {},
    });
    const bearer = request(`Bearer ${String(body.access_token)}`);
    expect(tokens.grantOf(bearer, 'https://www.googleapis.com/auth/drive')).toEqual({
      subject: 'ann@x.com',
      scoped: true,
    });
    expect(tokens.grantOf(bearer, 'https://www.googleapis.com/auth/pubsub')).toEqual({
      subject: 'ann@x.com',
      scoped: false,
    });
    expect(tokens.grantOf(request('Bearer ya29.unknown'), 'https://www.googleapis.com/auth/drive')).toBeUndefined();
    expect(tokens.grantOf(request(), 'https://www.googleapis.com/auth/drive')).toBeUndefined();
  });
});

describe('testServiceAccount', () => {
  it('makes key files whose key signs assertions the issuer accepts, with a new key id each time', async () => {
    const account = testServiceAccount({ projectId: 'acme-prod' });
    expect(account.clientEmail).toBe('mova-runner@acme-prod.iam.gserviceaccount.com');
    const first = JSON.parse(account.keyFile());
    const second = JSON.parse(account.keyFile());
    expect(first).toMatchObject({
      type: 'service_account',
      client_email: account.clientEmail,
      project_id: 'acme-prod',
    });
    expect(first.private_key_id).not.toBe(second.private_key_id);
    const tokens = googleTokenIssuer(account);
    server = await startReferenceServer();
    server.route('POST', '/token', (request) => tokens.answer(request));
    const iat = Math.floor(Date.now() / 1000);
    const claimSet = {
      iss: account.clientEmail,
      scope: 'openid',
      aud: 'https://oauth2.googleapis.com/token',
      iat,
      exp: iat + 60,
    };
    const response = await fetch(`${server.url}/token`, {
      method: 'POST',
      body: new URLSearchParams({
        grant_type: jwtBearer,
        assertion: assertion(claimSet, createPrivateKey(first.private_key)),
      }),
    });
    expect(response.status).toBe(200);
    expect(testServiceAccount().clientEmail).toBe('mova-runner@mova-conformance.iam.gserviceaccount.com');
  });
});
