import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type ReferenceServer, startReferenceServer } from '../../testing/reference-server.js';
import { startTlsFront } from '../../testing/tls-front.js';
import { delegatedTokenSource } from './token.js';

// The refresh token grant as "Microsoft identity platform and OAuth 2.0 authorization code flow"
// (learn.microsoft.com/entra/identity-platform/v2-oauth2-auth-code-flow#refresh-the-access-token) gives it.
let login: ReferenceServer;
beforeAll(async () => {
  login = await startReferenceServer();
  login.route('POST', '/contoso/oauth2/v2.0/token', ({ body }) => {
    const form = body as Record<string, string>;
    if (form.grant_type !== 'refresh_token' || form.client_id !== 'app')
      return { status: 400, body: { error: 'invalid_request' } };
    if (form.refresh_token !== 'rt-1') {
      return {
        status: 400,
        body: {
          error: 'invalid_grant',
          error_description:
            'AADSTS70008: The provided authorization code or refresh token has expired.\r\nTrace ID: 1',
          error_codes: [70008],
        },
      };
    }
    return {
      body: { token_type: 'Bearer', scope: form.scope, expires_in: 3600, access_token: 'at-2', refresh_token: 'rt-2' },
    };
  });
});
afterAll(() => login.close());

const credentials = (refreshToken: string, accessToken?: string, expiresAt?: number) => ({
  kind: 'delegated' as const,
  accessToken,
  refreshToken,
  expiresAt,
  clientId: 'app',
  clientSecret: 'secret',
  scope: 'offline_access Mail.Read',
  tokenUrl: `${login.url}/contoso/oauth2/v2.0/token`,
});

describe('delegatedTokenSource', () => {
  it('uses a fresh token as it is, and refreshes a stale one, handing the rotated set on', async () => {
    const fresh = delegatedTokenSource(credentials('rt-1', 'at-1', Math.floor(Date.now() / 1000) + 3600));
    expect(await fresh.getToken()).toBe('at-1');
    expect(login.requests).toHaveLength(0);

    const stored: unknown[] = [];
    const stale = delegatedTokenSource(credentials('rt-1', 'at-1', Math.floor(Date.now() / 1000) - 10), {
      onRefresh: (tokens) => void stored.push(tokens),
    });
    expect(await stale.getToken()).toBe('at-2');
    expect(login.requests.at(-1)?.body).toEqual({
      grant_type: 'refresh_token',
      refresh_token: 'rt-1',
      client_id: 'app',
      client_secret: 'secret',
      scope: 'offline_access Mail.Read',
    });
    expect(stored).toEqual([
      { accessToken: 'at-2', refreshToken: 'rt-2', expiresAt: expect.any(Number), scope: 'offline_access Mail.Read' },
    ]);
    expect(await stale.getToken()).toBe('at-2');
    expect(login.requests).toHaveLength(1);
  });

  it('trusts the connection’s own CA for a sign-in host with a private certificate, beside the public ones', async () => {
    // `connection: close`, so closing the TLS front does not wait for the client's idle socket.
    login.route('POST', '/private/oauth2/v2.0/token', () => ({
      headers: { connection: 'close' },
      body: { token_type: 'Bearer', expires_in: 3600, access_token: 'at-private' },
    }));
    const tls = await startTlsFront(Number(new URL(login.url).port));
    try {
      const tokenUrl = `${tls.origin}/private/oauth2/v2.0/token`;
      const trusted = delegatedTokenSource({ ...credentials('rt-1'), tokenUrl, caCertificate: tls.certificate });
      expect(await trusted.getToken()).toBe('at-private');
      const untrusted = delegatedTokenSource({ ...credentials('rt-1'), tokenUrl });
      await expect(untrusted.getToken()).rejects.toMatchObject({ message: expect.stringMatching(/self-signed/) });
    } finally {
      await tls.close();
    }
  });

  it('reports an expired refresh token as an auth failure with Entra’s words', async () => {
    const source = delegatedTokenSource(credentials('rt-old'));
    await expect(source.getToken()).rejects.toMatchObject({
      kind: 'auth',
      status: 400,
      message:
        'Microsoft Entra ID refused the refresh token: AADSTS70008: The provided authorization code or refresh token has expired.',
    });
  });
});
