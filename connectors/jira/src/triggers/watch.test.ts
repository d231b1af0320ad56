import { describe, expect, it } from 'vitest';
import { watchJql } from './watch.js';

describe('watchJql', () => {
  it('looks back from the newest change seen, in minutes, with slack for clock skew', () => {
    const now = Date.parse('2026-01-01T10:30:00Z');
    expect(watchJql('updated', 'project = PROJ', '2026-01-01T10:00:00.000+0000', now)).toBe(
      '(project = PROJ) AND updated >= -35m ORDER BY updated ASC',
    );
    expect(watchJql('created', undefined, '2026-01-01T10:29:59.000+0000', now)).toBe(
      'created >= -6m ORDER BY created ASC',
    );
  });

  it('looks at the last 30 days on a first poll', () => {
    expect(watchJql('updated', undefined, undefined, Date.now())).toBe('updated >= -30d ORDER BY updated ASC');
  });
});
