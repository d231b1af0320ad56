import { describe, expect, it } from 'vitest';
import { formatLocated, oneLine } from './user-error.js';

describe('formatLocated', () => {
  it('prints file#pointer: message (hint) on one line', () => {
    expect(
      formatLocated({
        file: 'mova.manifest.json',
        pointer: '/actions/0/output',
        message: 'is required',
        hint: 'Add an output schema.',
      }),
    ).toBe('mova.manifest.json#/actions/0/output: is required (Add an output schema.)');
  });

  it('leaves out the pointer and hint when there are none, and folds multi-line messages', () => {
    expect(formatLocated({ file: 'src/a.ts:3:7', pointer: '', message: 'Could not resolve\n  "x"' })).toBe(
      'src/a.ts:3:7: Could not resolve "x"',
    );
    expect(oneLine('  a\n\n b  ')).toBe('a b');
  });
});
