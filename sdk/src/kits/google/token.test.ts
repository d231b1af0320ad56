import { generateKeyPairSync, verify } from 'node:crypto';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import { GOOGLE_TOKEN_URL } from './connection.js';
import {
  authorize,
  fetchGoogleToken,
  type GoogleAccessToken,
  googleCredentialsOf,
  googleTokenSource,
} from './token.js';

const { privateKey, publicKey } = generateKeyPairSync('rsa', { modulusLength: 2048 });
const EMAIL = 'runner@mova-test.iam.gserviceaccount.com';
const keyFile = JSON.stringify({
  type: 'service_account',
  project_id: 'mova-test',
  private_key_id: 'k1',
  private_key: privateKey.export({ type: 'pkcs8', format: 'pem' }).toString(),
  client_email: EMAIL,
});

// "Using OAuth 2.0 for Server to Server Applications" and "Using OAuth 2.0 for Web Server
// Applications" (refreshing an access token): both are form posts to the token endpoint.
let server: Server;
let tokenUrl: string;
const received: URLSearchParams[] = [];
let answer: { status: number; body: unknown; headers?: Record<string, string> } = { status: 200, body: {} };

beforeAll(async () => {
  server = createServer(async (req, res) => {
    let text = '';
    for await (const chunk of req) text += chunk;
    received.push(new URLSearchParams(text));
    res.writeHead(answer.status, { 'content-type': 'application/json', ...answer.headers });
    res.end(JSON.stringify(answer.body));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  tokenUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/token`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

const decode = (part: string | undefined) => JSON.parse(Buffer.from(part ?? '', 'base64url').toString());

describe('googleCredentialsOf', () => {
  it('prefers the service account key, then the refresh token, then a bare access token', () => {
    expect(googleCredentialsOf({ serviceAccountKey: keyFile, accessToken: 'a' })).toMatchObject({
      kind: 'serviceAccount',
      tokenUrl: GOOGLE_TOKEN_URL,
      key: { client_email: EMAIL },
    });
    expect(
      googleCredentialsOf({
        refreshToken: 'r',
        clientId: 'c',
        clientSecret: 's',
        tokenUrl: 'https://oauth2-x.p.googleapis.com/token',
      }),
    ).toMatchObject({ kind: 'refreshToken', tokenUrl: 'https://oauth2-x.p.googleapis.com/token' });
    expect(googleCredentialsOf({ accessToken: 'a' })).toEqual({ kind: 'accessToken', accessToken: 'a' });
  });

  it('refuses a connection without credentials, or a refresh token without its client', () => {
    expect(() => googleCredentialsOf({})).toThrow(ConnectorError);
    expect(() => googleCredentialsOf({ refreshToken: 'r' })).toThrow(/client id and secret/);
    expect(() => googleCredentialsOf({ accessToken: 'a', tokenUrl: 'http://example.com/token' })).toThrow(TypeError);
  });
});

describe('fetchGoogleToken', () => {
  it('signs a JWT bearer assertion for the scopes and the delegated subject', async () => {
    answer = { status: 200, body: { access_token: 'ya29.sa', expires_in: 3599, token_type: 'Bearer' } };
    const credentials = googleCredentialsOf({ serviceAccountKey: keyFile, subject: 'ada@example.com', tokenUrl });
    if (credentials.kind !== 'serviceAccount') throw new Error('expected a service account');
    const token = await fetchGoogleToken(credentials, ['scope.a', 'scope.b'], 1_700_000_000_000);
    expect(token).toEqual({ access_token: 'ya29.sa', expiry_date: 1_700_000_000_000 + 3_599_000 });

    const form = received.at(-1);
    expect(form?.get('grant_type')).toBe('urn:ietf:params:oauth:grant-type:jwt-bearer');
    const [header, claims, signature] = String(form?.get('assertion')).split('.');
    expect(decode(header)).toEqual({ alg: 'RS256', typ: 'JWT', kid: 'k1' });
    expect(decode(claims)).toEqual({
      iss: EMAIL,
      sub: 'ada@example.com',
      scope: 'scope.a scope.b',
      aud: GOOGLE_TOKEN_URL,
      iat: 1_700_000_000,
      exp: 1_700_003_600,
    });
    const signed = Buffer.from(`${header}.${claims}`);
    expect(verify('RSA-SHA256', signed, publicKey, Buffer.from(signature ?? '', 'base64url'))).toBe(true);
  });

  it('refreshes a user token and classifies a revoked one as auth', async () => {
    const credentials = googleCredentialsOf({ refreshToken: '1//r', clientId: 'cid', clientSecret: 'cs', tokenUrl });
    if (credentials.kind !== 'refreshToken') throw new Error('expected a refresh token');
    answer = { status: 200, body: { access_token: 'ya29.user', expires_in: 3600, scope: 's', token_type: 'Bearer' } };
    await expect(fetchGoogleToken(credentials, ['s'])).resolves.toMatchObject({ access_token: 'ya29.user' });
    expect(Object.fromEntries(received.at(-1) ?? [])).toEqual({
      grant_type: 'refresh_token',
      refresh_token: '1//r',
      client_id: 'cid',
      client_secret: 'cs',
    });

    answer = { status: 400, body: { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' } };
    await expect(fetchGoogleToken(credentials, ['s'])).rejects.toMatchObject({
      kind: 'auth',
      status: 400,
      vendorMessage: 'Token has been expired or revoked.',
      hint: expect.stringContaining('connect the Google account again'),
    });
  });

  it('classifies an overloaded token endpoint by status, with Retry-After', async () => {
    const credentials = googleCredentialsOf({ refreshToken: 'r', clientId: 'c', clientSecret: 's', tokenUrl });
    if (credentials.kind !== 'refreshToken') throw new Error('expected a refresh token');
    answer = { status: 429, body: { error: 'rate_limit_exceeded' }, headers: { 'retry-after': '9' } };
    await expect(fetchGoogleToken(credentials, [])).rejects.toMatchObject({ kind: 'rate_limit', retryAfter: 9 });
  });
});

describe('authorize', () => {
  class FakeClient {
    credentials: { access_token?: string | null } = {};
    refreshHandler?: () => Promise<GoogleAccessToken>;
    setCredentials(credentials: { access_token?: string | null }) {
      this.credentials = credentials;
    }
  }

  it('sets a bare access token without a refresh handler', () => {
    const client = authorize(new FakeClient(), { accessToken: 'ya29.fixed' }, ['s']);
    expect(client.credentials).toEqual({ access_token: 'ya29.fixed' });
    expect(client.refreshHandler).toBeUndefined();
  });

  it('hands the grant to the refresh handler', async () => {
    answer = { status: 200, body: { access_token: 'ya29.h', expires_in: 60 } };
    const client = authorize(new FakeClient(), { serviceAccountKey: keyFile, tokenUrl }, ['s']);
    await expect(client.refreshHandler?.()).resolves.toMatchObject({ access_token: 'ya29.h' });
  });
});

describe('googleTokenSource', () => {
  it('fetches once, shares the token, and refreshes when it is about to expire', async () => {
    const before = received.length;
    answer = { status: 200, body: { access_token: 'ya29.first', expires_in: 3600 } };
    const tokens = googleTokenSource({ serviceAccountKey: keyFile, tokenUrl }, ['s']);
    const [a, b] = await Promise.all([tokens.token(), tokens.token()]);
    expect([a, b]).toEqual(['ya29.first', 'ya29.first']);
    expect(received.length - before).toBe(1);

    answer = { status: 200, body: { access_token: 'ya29.short', expires_in: 30 } };
    const short = googleTokenSource({ serviceAccountKey: keyFile, tokenUrl }, ['s']);
    expect(await short.token()).toBe('ya29.short');
    answer = { status: 200, body: { access_token: 'ya29.next', expires_in: 3600 } };
    expect(await short.token()).toBe('ya29.next');
  });

  it('uses a bare access token as it is, and tries again after a failed grant', async () => {
    expect(await googleTokenSource({ accessToken: 'ya29.fixed' }, []).token()).toBe('ya29.fixed');
    const tokens = googleTokenSource({ refreshToken: 'r', clientId: 'c', clientSecret: 's', tokenUrl }, []);
    answer = { status: 503, body: { error: 'backend_error' } };
    await expect(tokens.token()).rejects.toMatchObject({ kind: 'transient', status: 503 });
    answer = { status: 200, body: { access_token: 'ya29.after', expires_in: 3600 } };
    expect(await tokens.token()).toBe('ya29.after');
  });
});
