import { describe, expect, it } from 'vitest';
import { listing } from './listing.js';
import { globToRegExp } from './paths.js';

const entries = [
  { name: 'b.csv', type: 'file' as const, size: 2 },
  { name: '..', type: 'directory' as const, size: 0 },
  { name: 'archive', type: 'directory' as const, size: 0 },
  { name: '.', type: 'directory' as const, size: 0 },
  { name: 'a.csv', type: 'file' as const, size: 1 },
  { name: 'notes.txt', type: 'file' as const, size: 3 },
  { name: 'B.csv', type: 'file' as const, size: 4 },
];

describe('listing', () => {
  it('leaves out . and .., sorts by name and keeps the entry as it is', () => {
    const all = listing('/outbox', entries, { type: 'any', limit: 100 });
    expect(all.entries.map((entry) => entry.name)).toEqual(['B.csv', 'a.csv', 'archive', 'b.csv', 'notes.txt']);
    expect(all).toMatchObject({ path: '/outbox', count: 5, truncated: false });
    expect(all.entries[0]).toEqual({ name: 'B.csv', type: 'file', size: 4 });
  });

  it('filters by pattern and type and says when the limit cut it', () => {
    const csv = listing('/outbox', entries, { pattern: globToRegExp('*.csv'), type: 'file', limit: 2 });
    expect(csv.entries.map((entry) => entry.name)).toEqual(['B.csv', 'a.csv']);
    expect(csv).toMatchObject({ count: 2, truncated: true });
    const folders = listing('/outbox', entries, { type: 'directory', limit: 10 });
    expect(folders.entries.map((entry) => entry.name)).toEqual(['archive']);
  });
});
