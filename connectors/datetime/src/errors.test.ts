import { ConnectorError } from '@mova/sdk';
import { Duration } from 'luxon';
import { describe, expect, it } from 'vitest';
import { toConnectorError } from './errors.js';

describe('toConnectorError', () => {
  it("classifies Luxon's thrown refusals as invalid input", () => {
    const thrown = (() => {
      try {
        Duration.fromObject({ dayz: 1 } as Record<string, number>);
      } catch (error) {
        return error;
      }
    })();
    const mapped = toConnectorError(thrown, 'add');
    expect(mapped).toMatchObject({ kind: 'invalid_input', actionKey: 'add', vendorMessage: 'Invalid unit dayz' });
    expect(mapped.cause).toBe(thrown);
  });

  it('keeps a ConnectorError and calls anything else unknown', () => {
    const own = new ConnectorError('x', { kind: 'invalid_input' });
    expect(toConnectorError(own)).toBe(own);
    expect(toConnectorError(new RangeError('boom')).kind).toBe('unknown');
  });
});
