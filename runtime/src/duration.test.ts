import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from './duration.js';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['2s', 2000],
    ['1.5s', 1500],
    ['5m', 300_000],
    ['2h', 7_200_000],
    ['2d', 172_800_000],
    ['0s', 0],
  ])('reads %s as %d ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['30', '2 s', 's', '-1s', '1w', '{{ x }}', ''])('refuses %j', (text) => {
    expect(parseDuration(text)).toBeUndefined();
  });

  it('formats in the largest whole unit, days from two on (a day reads as 24h)', () => {
    expect([formatDuration(172_800_000), formatDuration(86_400_000)]).toEqual(['2d', '24h']);
    expect([formatDuration(7_200_000), formatDuration(300_000), formatDuration(2000), formatDuration(1500)]).toEqual([
      '2h',
      '5m',
      '2s',
      '1500ms',
    ]);
  });
});
