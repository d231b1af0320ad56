import { describe, expect, it } from 'vitest';
import { quoted, summarize } from './files.js';

describe('files', () => {
  it('escapes quotes and backslashes in query values', () => {
    expect(quoted("Bob's report")).toBe("'Bob\\'s report'");
    expect(quoted('C:\\temp')).toBe("'C:\\\\temp'");
  });

  it('reports size as a number and leaves absent fields out', () => {
    expect(summarize({ id: 'f1', name: 'a.txt', mimeType: 'text/plain', size: '12', parents: ['root1'] })).toEqual({
      id: 'f1',
      name: 'a.txt',
      mimeType: 'text/plain',
      size: 12,
      parents: ['root1'],
      trashed: false,
    });
  });
});
