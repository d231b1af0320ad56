import { describe, expect, it } from 'vitest';
import { nextLink, parseLinkHeader } from './link-header.js';

describe('Link header', () => {
  it('parses every link with its relations (RFC 8288 §3)', () => {
    const header = '<https://x.test/a?page=2>; rel="next", <https://x.test/a?page=9>; rel="last prev"; title="x, y"';
    expect(parseLinkHeader(header)).toEqual([
      { url: 'https://x.test/a?page=2', rel: ['next'] },
      { url: 'https://x.test/a?page=9', rel: ['last', 'prev'] },
    ]);
  });

  it('reads an unquoted rel, keeps commas inside URLs, and resolves a relative next link', () => {
    expect(nextLink('</items?ids=1,2&page=2>; rel=next', 'https://x.test/v1/items')).toBe(
      'https://x.test/items?ids=1,2&page=2',
    );
    expect(nextLink('<https://x.test/a>; rel="prev"', 'https://x.test/')).toBeUndefined();
    expect(nextLink(undefined, 'https://x.test/')).toBeUndefined();
  });
});
