import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { headersOf, rowCells, rowObject } from './rows.js';

describe('header row mapping', () => {
  it('names blank columns by letter and repeats with a counter', () => {
    expect(headersOf([' Name ', '', 'Email', 'Name'])).toEqual(['Name', 'B', 'Email', 'Name (2)']);
    expect(headersOf(undefined, 2)).toEqual(['A', 'B']);
  });

  it('turns a row into an object, filling short rows and naming extra cells', () => {
    expect(rowObject(['Name', 'Email', 'Age'], ['Ada', 'ada@example.com'])).toEqual({
      Name: 'Ada',
      Email: 'ada@example.com',
      Age: '',
    });
    expect(rowObject(['Name'], ['Ada', 36, true])).toEqual({ Name: 'Ada', B: 36, C: true });
  });

  it('puts object values in header order and leaves other columns alone', () => {
    expect(rowCells(['Name', 'Email', 'Age'], { Age: 37, Name: 'Ada' }, 'rows.update')).toEqual(['Ada', null, 37]);
    expect(rowCells(['Name', 'Email', 'Age'], { Name: 'Ada' }, 'rows.update')).toEqual(['Ada']);
  });

  it('refuses a column the header row does not have, naming the ones it has', () => {
    const error = (() => {
      try {
        rowCells(['Name'], { Nmae: 'x' }, 'rows.append');
      } catch (e) {
        return e;
      }
    })();
    expect(error).toBeInstanceOf(ConnectorError);
    expect(error).toMatchObject({
      kind: 'invalid_input',
      actionKey: 'rows.append',
      hint: 'The header row names: "Name".',
    });
  });
});
