import { describe, expect, it } from 'vitest';
import { cookiePairs } from './cookie.js';

describe('cookiePairs', () => {
  it('keeps name=value pairs and drops cookie attributes', () => {
    expect(cookiePairs('JSESSIONID.7f3a=node0abc; Path=/; HttpOnly')).toBe('JSESSIONID.7f3a=node0abc');
    // An Expires date holds a comma, which also joins two Set-Cookie headers.
    expect(
      cookiePairs(
        'JSESSIONID.7f3a=node0abc; Path=/; Expires=Thu, 01 Jan 1970 00:00:00 GMT, remember-me=xyz; Max-Age=0',
      ),
    ).toBe('JSESSIONID.7f3a=node0abc; remember-me=xyz');
  });

  it('keeps a value that holds = or percent-escapes as it came', () => {
    expect(
      cookiePairs('SAP_SESSIONID_S4H_100=abc%3d; path=/; secure; HttpOnly, sap-usercontext=sap-client=100; path=/'),
    ).toBe('SAP_SESSIONID_S4H_100=abc%3d; sap-usercontext=sap-client=100');
  });

  it('drops every attribute whatever its case, and gives nothing for no header', () => {
    expect(cookiePairs('a=1; DOMAIN=example.com; SameSite=Lax; max-age=60; SECURE')).toBe('a=1');
    expect(cookiePairs(undefined)).toBe('');
    expect(cookiePairs('')).toBe('');
  });
});
