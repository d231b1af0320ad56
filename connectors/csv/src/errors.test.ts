import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { toConnectorError } from './errors.js';

describe('toConnectorError', () => {
  it('classifies every csv-parse error code as invalid input, with a hint for the common ones', () => {
    const error = Object.assign(new Error('Invalid Record Length: columns length is 2, got 3 on line 2'), {
      code: 'CSV_RECORD_INCONSISTENT_COLUMNS',
    });
    const mapped = toConnectorError(error, 'parse');
    expect(mapped).toMatchObject({ kind: 'invalid_input', actionKey: 'parse', vendorMessage: error.message });
    expect(mapped.message).toBe(`CSV: ${error.message}`);
    expect(mapped.hint).toMatch(/relaxColumnCount/);
    expect(mapped.cause).toBe(error);
    const quote = toConnectorError(Object.assign(new Error('Quote Not Closed'), { code: 'CSV_QUOTE_NOT_CLOSED' }));
    expect(quote.hint).toMatch(/quote/);
  });

  it('leaves a ConnectorError as it is and calls other failures unknown', () => {
    const own = new ConnectorError('x', { kind: 'invalid_input' });
    expect(toConnectorError(own)).toBe(own);
    expect(toConnectorError(new TypeError('boom')).kind).toBe('unknown');
  });
});
