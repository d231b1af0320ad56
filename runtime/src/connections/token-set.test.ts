import { describe, expect, it } from 'vitest';
import { readTokenSet, withTokens } from './token-set.js';

describe('readTokenSet', () => {
  it('takes the token fields a refresh produces and drops absent ones', () => {
    expect(readTokenSet({ accessToken: 'at', refreshToken: 'rt', expiresAt: 1_800_000_000, scope: 'a b' })).toEqual({
      accessToken: 'at',
      refreshToken: 'rt',
      expiresAt: 1_800_000_000,
      scope: 'a b',
    });
    expect(readTokenSet({ accessToken: 'at', refreshToken: undefined })).toEqual({ accessToken: 'at' });
  });

  it.each([
    [null, 'not an object'],
    [{ refreshToken: 'rt' }, 'accessToken must be'],
    [{ accessToken: '' }, 'accessToken must be'],
    [{ accessToken: 'x'.repeat(16 * 1024 + 1) }, 'accessToken must be'],
    [{ accessToken: 'at', clientSecret: 'new' }, 'fields a refresh cannot change: clientSecret'],
    [{ accessToken: 'at', connection: 'other' }, 'fields a refresh cannot change: connection'],
    [{ accessToken: 'at', expiresAt: 1_800_000_000_000 }, 'expiresAt must be'],
    [{ accessToken: 'at', expiresAt: '1800000000' }, 'expiresAt must be'],
    [{ accessToken: 'at', refreshToken: 42 }, 'refreshToken must be'],
  ])('refuses %j', (value, problem) => {
    const read = readTokenSet(value);
    expect(typeof read).toBe('string');
    expect(read).toContain(problem);
  });

  it('never echoes a value in its answer', () => {
    expect(readTokenSet({ accessToken: 'at', secretField: 'sekrit-value' })).not.toContain('sekrit-value');
  });
});

describe('withTokens', () => {
  const auth = { accessToken: 'old', refreshToken: 'rt_old', expiresAt: 100, clientId: 'c', clientSecret: 's' };

  it('writes the new tokens in, keeping client credentials and rotating the refresh token', () => {
    expect(withTokens(auth, { accessToken: 'new', refreshToken: 'rt_new', expiresAt: 200 })).toEqual({
      ...auth,
      accessToken: 'new',
      refreshToken: 'rt_new',
      expiresAt: 200,
    });
  });

  it('keeps the refresh token when the provider sent none, and drops an expiry that no longer applies', () => {
    expect(withTokens(auth, { accessToken: 'new' })).toEqual({
      accessToken: 'new',
      refreshToken: 'rt_old',
      clientId: 'c',
      clientSecret: 's',
    });
  });

  it('leaves tokens that expire later alone: the newer expiry wins', () => {
    expect(withTokens({ ...auth, expiresAt: 300 }, { accessToken: 'new', expiresAt: 200 })).toBeUndefined();
  });
});
