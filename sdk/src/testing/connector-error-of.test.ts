import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../errors.js';
import { connectorErrorOf } from './connector-error-of.js';

describe('connectorErrorOf', () => {
  it('returns the ConnectorError the call rejected with', async () => {
    const error = new ConnectorError('No such key', { kind: 'not_found' });
    await expect(connectorErrorOf(Promise.reject(error))).resolves.toBe(error);
  });

  it('throws when the call resolved or rejected with another error', async () => {
    await expect(connectorErrorOf(Promise.resolve({ ok: true }))).rejects.toThrow(
      'expected a ConnectorError, but the call gave {"ok":true}',
    );
    await expect(connectorErrorOf(Promise.reject(new TypeError('x is undefined')))).rejects.toThrow(
      'expected a ConnectorError, got TypeError: x is undefined',
    );
  });
});
