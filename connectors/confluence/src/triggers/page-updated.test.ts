import { describe, expect, it } from 'vitest';
import { changedCql } from './page-updated.js';

describe('changedCql', () => {
  it('looks back from the newest change seen, in minutes, with slack for clock skew', () => {
    expect(changedCql('ENG', undefined, '2026-01-01T10:00:00.000Z', Date.parse('2026-01-01T10:30:00Z'))).toBe(
      'type = page AND space = "ENG" AND lastmodified >= now("-35m") ORDER BY lastmodified ASC',
    );
  });

  it('adds a CQL filter and looks at the last 30 days on a first poll', () => {
    expect(changedCql(undefined, 'label = "runbook"', undefined, Date.now())).toBe(
      'type = page AND (label = "runbook") AND lastmodified >= now("-30d") ORDER BY lastmodified ASC',
    );
  });
});
