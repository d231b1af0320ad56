import { describe, expect, it } from 'vitest';
import { formatMs, pointerDepth, shortConnector, stepLine, widthsFor } from './format.js';

describe('pointerDepth', () => {
  it.for([
    ['/steps/0', 0],
    ['/steps/2/then/0', 1],
    ['/steps/2/else/1', 1],
    ['/steps/1/catch/do/0', 1],
    ['/steps/1/try/0/do/3', 2],
    ['/steps/1/parallel/branches/left/0/do/3', 2],
    // A branch may be named like a block keyword; the name is skipped, not read as one.
    ['/steps/1/parallel/branches/then/0', 1],
    ['/steps/1/parallel/branches/2/0', 1],
  ] as const)('%s is %i deep', ([pointer, depth]) => {
    expect(pointerDepth(pointer)).toBe(depth);
  });
});

describe('formatMs', () => {
  it.for([
    [0, '0ms'],
    [999, '999ms'],
    [1000, '1.0s'],
    [12_345, '12.3s'],
    [125_000, '2m05s'],
    [3_720_000, '1h02m'],
  ] as const)('%i ms reads %s', ([ms, text]) => {
    expect(formatMs(ms)).toBe(text);
  });
});

describe('stepLine', () => {
  it('lines up keys and labels, indenting nested steps', () => {
    const rows = [
      { depth: 0, key: 'fetch', label: 'postgres/query@1.0.0' },
      { depth: 1, key: 'tag[0]', label: 'set' },
    ];
    const widths = widthsFor(rows);
    expect(
      stepLine({ mark: 'completed', depth: 0, key: 'fetch', label: 'postgres/query@1.0.0', durationMs: 12 }, widths),
    ).toBe('✓ fetch     postgres/query@1.0.0  completed 12ms');
    expect(
      stepLine({ mark: 'failed', depth: 1, key: 'tag[0]', label: 'set', durationMs: 1, detail: 'x: y' }, widths),
    ).toBe('  ✗ tag[0]  set                   failed    1ms  x: y');
  });

  it('names first-party connectors by their short name', () => {
    expect(shortConnector('@mova/connector-github@2.1.0')).toBe('github@2.1.0');
    expect(shortConnector('@acme/connector-crm@1.0.0')).toBe('@acme/connector-crm@1.0.0');
  });
});
