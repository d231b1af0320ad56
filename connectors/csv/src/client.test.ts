import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { detectDelimiter, lineEndingOf, parseCsv, readSource } from './client.js';

const plain = {
  delimiter: ',',
  quote: '"',
  header: true,
  trim: false,
  skipEmptyLines: true,
  relaxColumnCount: false,
  numbers: false,
  booleans: false,
  emptyAsNull: false,
};

describe('detectDelimiter', () => {
  it('picks the candidate that splits every row alike into the most fields', () => {
    expect(detectDelimiter('a;b;c\n1;2;3\n')).toBe(';');
    expect(detectDelimiter('a\tb\n1\t2\n')).toBe('\t');
    expect(detectDelimiter('a|b\n1|2\n')).toBe('|');
    // Commas inside quoted fields do not count.
    expect(detectDelimiter('name;note\n"Ada";"x, y, z"\n')).toBe(';');
  });

  it('falls back to a comma when nothing splits the rows alike', () => {
    expect(detectDelimiter('single\ncolumn\n')).toBe(',');
    expect(detectDelimiter('')).toBe(',');
  });
});

describe('parseCsv', () => {
  it('names columns from the header or from the given names', () => {
    expect(parseCsv('a,b\n1,2\n', plain)).toEqual({
      rows: [{ a: '1', b: '2' }],
      columns: ['a', 'b'],
      truncated: false,
    });
    expect(parseCsv('a,b\n1,2\n', { ...plain, columns: ['x', 'y'] }).rows).toEqual([{ x: '1', y: '2' }]);
    expect(parseCsv('1,2\n', { ...plain, header: false, columns: ['x', 'y'] }).rows).toEqual([{ x: '1', y: '2' }]);
    expect(parseCsv('1,2\n', { ...plain, header: false })).toEqual({
      rows: [['1', '2']],
      columns: null,
      truncated: false,
    });
  });

  it('casts data cells only, never the header', () => {
    const parsed = parseCsv('1,true\n2,false\n', { ...plain, numbers: true, booleans: true });
    expect(parsed.columns).toEqual(['1', 'true']);
    expect(parsed.rows).toEqual([{ 1: 2, true: false }]);
  });

  it('turns csv-parse failures into invalid_input errors that keep the line', () => {
    const failure = (() => {
      try {
        parseCsv('a,b\n1,2,3\n', plain, 'parse');
      } catch (error) {
        return error;
      }
    })();
    expect(failure).toBeInstanceOf(ConnectorError);
    expect(failure).toMatchObject({ kind: 'invalid_input', actionKey: 'parse' });
    expect((failure as ConnectorError).message).toMatch(/line 2/);
  });
});

describe('readSource', () => {
  it('decodes base64 bytes in the given encoding', () => {
    expect(readSource({ contentBase64: Buffer.from('é', 'latin1').toString('base64'), encoding: 'latin1' })).toBe('é');
    expect(readSource({ contentBase64: Buffer.from('é', 'utf16le').toString('base64'), encoding: 'utf16le' })).toBe(
      'é',
    );
  });

  it('refuses text that is not base64', () => {
    expect(() => readSource({ contentBase64: 'not base64!' })).toThrow(/not valid base64/);
  });
});

describe('lineEndingOf', () => {
  it('reads the first line break', () => {
    expect(lineEndingOf('a\r\nb\n')).toBe('crlf');
    expect(lineEndingOf('a\nb\r\n')).toBe('lf');
    expect(lineEndingOf('a\rb')).toBe('cr');
    expect(lineEndingOf('a')).toBe('none');
  });
});
