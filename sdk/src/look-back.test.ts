import { describe, expect, it } from 'vitest';
import { relativeLookBack } from './look-back.js';

describe('relativeLookBack', () => {
  const now = Date.parse('2026-01-01T10:30:00Z');

  it('covers the minutes since the newest seen, rounded up, plus five for clock skew', () => {
    expect(relativeLookBack('2026-01-01T10:00:00.000Z', now)).toBe('-35m');
    expect(relativeLookBack('2026-01-01T10:29:30.000+0000', now)).toBe('-6m');
    // A cursor ahead of this clock still looks back a minute and the skew.
    expect(relativeLookBack('2026-01-01T10:40:00Z', now)).toBe('-6m');
  });

  it('looks back 30 days on a first poll, or past a cursor it cannot read', () => {
    expect(relativeLookBack(undefined, now)).toBe('-30d');
    expect(relativeLookBack('yesterday', now)).toBe('-30d');
  });
});
