/** Set-Cookie attributes: what follows a cookie's `name=value`, never a cookie of its own. */
const COOKIE_ATTRIBUTES = new Set(['path', 'expires', 'max-age', 'domain', 'httponly', 'secure', 'samesite']);

/**
 * The `name=value` pairs of a (joined) Set-Cookie header without their attributes: what a `Cookie`
 * request header sends back, e.g. to keep the session a CSRF token or crumb is tied to.
 * @example
 * cookiePairs('JSESSIONID.7f3a=node0abc; Path=/; HttpOnly, remember-me=xyz; Max-Age=0') // 'JSESSIONID.7f3a=node0abc; remember-me=xyz'
 */
export function cookiePairs(setCookie: string | undefined): string {
  if (!setCookie) return '';
  const pairs: string[] = [];
  for (const match of setCookie.matchAll(/(?:^|[;,]\s*)([^=;,\s]+)=([^;,]*)/g)) {
    const [, name = '', value = ''] = match;
    if (!COOKIE_ATTRIBUTES.has(name.toLowerCase())) pairs.push(`${name}=${value}`);
  }
  return pairs.join('; ');
}
