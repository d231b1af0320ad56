import { describe, expect, it } from 'vitest';
import { nextCursor, organizationRoot } from './client.js';

const link = (next: string) =>
  `<https://sentry.io/api/0/organizations/acme/issues/?cursor=0:0:1>; rel="previous"; results="false"; cursor="0:0:1", ${next}`;

describe('nextCursor (Sentry Link header)', () => {
  it('gives the next cursor while results="true"', () => {
    const header = link(
      '<https://sentry.io/api/0/organizations/acme/issues/?cursor=1712000000000:100:0>; rel="next"; results="true"; cursor="1712000000000:100:0"',
    );
    expect(nextCursor(header)).toBe('1712000000000:100:0');
  });

  it('ends the listing when the next page has no results, or there is no header', () => {
    expect(
      nextCursor(link('<https://sentry.io/x/?cursor=0:100:0>; rel="next"; results="false"; cursor="0:100:0"')),
    ).toBeNull();
    expect(nextCursor(undefined)).toBeNull();
  });

  it('falls back to the cursor in the next URL when the attribute is missing', () => {
    expect(nextCursor('<https://sentry.io/x/?cursor=0%3A25%3A0>; rel="next"; results="true"')).toBe('0:25:0');
  });
});

describe('organizationRoot', () => {
  it('puts the API and the organization under the connection URL', () => {
    expect(organizationRoot({ token: 't', organization: 'acme' })).toBe('https://sentry.io/api/0/organizations/acme');
    expect(organizationRoot({ token: 't', organization: 'acme', url: 'https://de.sentry.io/' })).toBe(
      'https://de.sentry.io/api/0/organizations/acme',
    );
    expect(() => organizationRoot({ token: 't', organization: 'acme', url: 'http://sentry.example.com' })).toThrow(
      /https/,
    );
  });
});
