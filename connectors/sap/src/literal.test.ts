import { describe, expect, it } from 'vitest';
import { entityPath, keyPredicate, literal } from './literal.js';

describe('literal', () => {
  it('quotes strings with single quotes doubled, in both versions', () => {
    expect(literal("O'Neil", 2)).toBe("'O''Neil'");
    expect(literal("''", 4)).toBe("''''''");
    expect(literal({ type: 'string', value: '0001' }, 4)).toBe("'0001'");
  });

  it('writes numbers and booleans bare, V2 fractions as Edm.Decimal', () => {
    expect(literal(42, 2)).toBe('42');
    expect(literal(12.5, 2)).toBe('12.5M');
    expect(literal(12.5, 4)).toBe('12.5');
    expect(literal(false, 2)).toBe('false');
    expect(() => literal(Number.NaN, 4)).toThrow(TypeError);
  });

  it('marks typed values with V2 prefixes and suffixes and writes them bare in V4', () => {
    const guid = '005056a2-0b8f-1eda-9ab7-8a3b6c1f0a11';
    expect(literal({ type: 'guid', value: guid }, 2)).toBe(`guid'${guid}'`);
    expect(literal({ type: 'guid', value: guid }, 4)).toBe(guid);
    expect(literal({ type: 'datetime', value: '2024-01-31T00:00:00' }, 2)).toBe("datetime'2024-01-31T00:00:00'");
    expect(literal({ type: 'datetime', value: '2024-01-31T00:00:00' }, 4)).toBe('2024-01-31T00:00:00Z');
    expect(literal({ type: 'datetimeoffset', value: '2024-01-31T08:00:00+01:00' }, 2)).toBe(
      "datetimeoffset'2024-01-31T08:00:00+01:00'",
    );
    expect(literal({ type: 'date', value: '2024-01-31' }, 2)).toBe("datetime'2024-01-31T00:00:00'");
    expect(literal({ type: 'date', value: '2024-01-31' }, 4)).toBe('2024-01-31');
    expect(literal({ type: 'time', value: 'PT10H30M' }, 2)).toBe("time'PT10H30M'");
    expect(literal({ type: 'time', value: '10:30:00' }, 4)).toBe('10:30:00');
    expect(literal({ type: 'decimal', value: '-3.50' }, 2)).toBe('-3.50M');
    expect(literal({ type: 'int64', value: '9007199254740993' }, 2)).toBe('9007199254740993L');
    expect(literal({ type: 'int64', value: '9007199254740993' }, 4)).toBe('9007199254740993');
  });

  it('refuses a typed value that is not of its type, saying how to write it', () => {
    expect(() => literal({ type: 'guid', value: "x' or 1 eq 1" }, 2)).toThrow(/8-4-4-4-12/);
    expect(() => literal({ type: 'decimal', value: '1e5' }, 4)).toThrow(/not a decimal/);
    expect(() => literal({ type: 'datetime', value: '31.01.2024' }, 2)).toThrow(/YYYY-MM-DD/);
  });
});

describe('keyPredicate', () => {
  it('writes a single key bare and a compound key by name, percent-encoded', () => {
    expect(keyPredicate('1000001', 2)).toBe("('1000001')");
    expect(keyPredicate(42, 4)).toBe('(42)');
    expect(keyPredicate({ SalesOrder: '1', SalesOrderItem: '10' }, 2)).toBe("(SalesOrder='1',SalesOrderItem='10')");
    expect(keyPredicate({ Name: 'a/b c#d' }, 4)).toBe("(Name='a%2Fb%20c%23d')");
    expect(keyPredicate({ type: 'guid', value: '005056a2-0b8f-1eda-9ab7-8a3b6c1f0a11' }, 2)).toBe(
      "(guid'005056a2-0b8f-1eda-9ab7-8a3b6c1f0a11')",
    );
  });

  it('turns a bad key into invalid input naming the entity set', () => {
    expect(() => entityPath('A_Product', { type: 'guid', value: 'nope' }, 4, 'entities.get')).toThrow(
      expect.objectContaining({
        kind: 'invalid_input',
        actionKey: 'entities.get',
        message: expect.stringMatching(/A_Product/),
      }),
    );
  });
});
