import { describe, expect, it } from 'vitest';
import { chunks, tablePath } from './client.js';

describe('batching and paths', () => {
  it('splits records into Airtable’s batches of ten', () => {
    const ids = Array.from({ length: 23 }, (_, i) => i);
    expect(chunks(ids).map((c) => c.length)).toEqual([10, 10, 3]);
    expect(chunks([])).toEqual([]);
  });

  it('escapes table names', () => {
    expect(tablePath('appA1b2C3d4E5f6G7', 'Leads / 2026')).toBe('/appA1b2C3d4E5f6G7/Leads%20%2F%202026');
  });
});
