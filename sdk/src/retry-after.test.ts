import { describe, expect, it } from 'vitest';
import { parseRetryAfter } from './retry-after.js';

// RFC 9110 §10.2.3 (https://www.rfc-editor.org/rfc/rfc9110#field.retry-after): delay-seconds or an HTTP-date.
const NOW = Date.parse('2025-01-01T00:00:00Z');

describe('parseRetryAfter', () => {
  it('reads delay-seconds', () => {
    expect(parseRetryAfter('120', NOW)).toBe(120);
    expect(parseRetryAfter(' 0 ', NOW)).toBe(0);
  });

  it('reads an HTTP date as the seconds until it, rounded up and never negative', () => {
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', NOW)).toBe(30);
    expect(parseRetryAfter('Wed, 01 Jan 2025 00:00:30 GMT', NOW + 200)).toBe(30);
    expect(parseRetryAfter('Tue, 31 Dec 2024 00:00:00 GMT', NOW)).toBe(0);
  });

  it('reads the obsolete date forms a recipient must still accept', () => {
    expect(parseRetryAfter('Wednesday, 01-Jan-25 00:01:00 GMT', NOW)).toBe(60);
    expect(parseRetryAfter('Wed Jan  1 00:01:00 2025', NOW)).toBe(60);
  });

  it('takes a number as seconds already parsed', () => {
    expect(parseRetryAfter(5)).toBe(5);
    expect(parseRetryAfter(1.2)).toBe(2);
    expect(parseRetryAfter(-1)).toBeUndefined();
    expect(parseRetryAfter(Number.NaN)).toBeUndefined();
  });

  it('gives undefined for anything else', () => {
    for (const value of ['soon', '1.5', '-3', '', '2025-01-01', undefined, null]) {
      expect(parseRetryAfter(value, NOW)).toBeUndefined();
    }
  });
});
