import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { malformed, toConnectorError } from './errors.js';

describe('malformed', () => {
  it('is invalid input naming the code and position', () => {
    const error = malformed({ code: 'InvalidTag', message: 'Unclosed tag', line: 3, column: 7 }, 'parse');
    expect(error).toMatchObject({
      kind: 'invalid_input',
      actionKey: 'parse',
      vendorMessage: 'InvalidTag: Unclosed tag',
    });
    expect(error.message).toBe('XML: Unclosed tag (line 3, column 7)');
  });
});

describe('toConnectorError', () => {
  it("classifies the parser's refusals as invalid input and programming errors as unknown", () => {
    expect(toConnectorError(new Error('External entities are not supported')).kind).toBe('invalid_input');
    expect(toConnectorError(new TypeError('x is undefined')).kind).toBe('unknown');
    const own = new ConnectorError('x', { kind: 'invalid_input' });
    expect(toConnectorError(own)).toBe(own);
  });
});
