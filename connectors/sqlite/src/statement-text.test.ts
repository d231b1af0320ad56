import { describe, expect, it } from 'vitest';
import { hasSecondStatement } from './statement-text.js';

describe('hasSecondStatement', () => {
  it('passes one statement, with or without its semicolon and trailing comments', () => {
    expect(hasSecondStatement('SELECT 1')).toBe(false);
    expect(hasSecondStatement('SELECT 1;')).toBe(false);
    expect(hasSecondStatement('SELECT 1; ;  -- done\n/* really */')).toBe(false);
  });

  it('finds a second statement after the first', () => {
    expect(hasSecondStatement('DELETE FROM t; DROP TABLE t')).toBe(true);
    expect(hasSecondStatement('SELECT 1;SELECT 2;')).toBe(true);
  });

  it('does not count semicolons in strings, quoted names or comments', () => {
    expect(hasSecondStatement('SELECT \'a;b\', "c;d", [e;f], `g;h` -- ;x\n')).toBe(false);
    expect(hasSecondStatement("SELECT 'it''s; fine' /* ; */")).toBe(false);
    expect(hasSecondStatement("SELECT 'unterminated; DROP TABLE t")).toBe(false);
  });

  it('reads a trigger body as part of its CREATE TRIGGER, up to END', () => {
    const trigger =
      'CREATE TEMP TRIGGER log AFTER INSERT ON t BEGIN INSERT INTO l VALUES (1); UPDATE c SET n = n + 1; END';
    expect(hasSecondStatement(trigger)).toBe(false);
    expect(hasSecondStatement(`${trigger};`)).toBe(false);
    expect(hasSecondStatement(`${trigger}; DROP TABLE t`)).toBe(true);
  });
});
