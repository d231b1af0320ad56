import { describe, expect, it } from 'vitest';
import { isWholeExpression, scanTemplate } from './template.js';

describe('scanTemplate', () => {
  it('splits text and expressions', () => {
    expect(scanTemplate('Issue #{{ steps.issue.output.number }} opened')).toEqual({
      ok: true,
      parts: [{ text: 'Issue #' }, { expression: ' steps.issue.output.number ', offset: 9 }, { text: ' opened' }],
    });
  });

  it('ends an expression at the first }} outside its own braces and strings', () => {
    const scan = scanTemplate('{{ {"a": {"b": "}}"}} }}');
    expect(scan).toEqual({ ok: true, parts: [{ expression: ' {"a": {"b": "}}"}} ', offset: 2 }] });
    expect(scan.ok && isWholeExpression(scan.parts)).toBe(true);
  });

  it('skips comments and backtick names', () => {
    const scan = scanTemplate('{{ /* }} */ `a}}b` }}');
    expect(scan.ok && scan.parts).toEqual([{ expression: ' /* }} */ `a}}b` ', offset: 2 }]);
  });

  it('is not a whole expression when text surrounds it', () => {
    const scan = scanTemplate(' {{ 1 }}');
    expect(scan.ok && isWholeExpression(scan.parts)).toBe(false);
  });

  it('reports an unclosed expression with its position', () => {
    expect(scanTemplate('ab {{ x')).toMatchObject({
      ok: false,
      message: 'has a "{{" at character 4 that is never closed',
    });
  });

  it('reports an empty expression', () => {
    expect(scanTemplate('{{   }}')).toMatchObject({ ok: false, message: 'has an empty expression at character 1' });
  });
});
