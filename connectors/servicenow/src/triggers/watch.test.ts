import { describe, expect, it } from 'vitest';
import { watchQuery } from './watch.js';

describe('watchQuery', () => {
  it('looks back from the newest change seen, in minutes, with slack for clock skew', () => {
    expect(
      watchQuery('sys_updated_on', 'active=true', '2026-01-01T10:00:00Z', Date.parse('2026-01-01T10:30:00Z')),
    ).toBe('active=true^sys_updated_onRELATIVEGE@minute@ago@35^ORDERBYsys_updated_on');
  });

  it('looks at 30 days on a first poll', () => {
    expect(watchQuery('sys_created_on', undefined, undefined, Date.now())).toBe(
      'sys_created_onRELATIVEGE@dayofweek@ago@30^ORDERBYsys_created_on',
    );
  });
});
