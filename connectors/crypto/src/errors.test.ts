import { ConnectorError } from '@mova/sdk';
import { errors } from 'jose';
import { describe, expect, it } from 'vitest';
import { missingKey, toConnectorError } from './errors.js';

describe('toConnectorError', () => {
  it("classifies jose's and OpenSSL's refusals as invalid input", () => {
    expect(toConnectorError(new errors.JWSInvalid('Invalid Compact JWS'), 'jwt.decode')).toMatchObject({
      kind: 'invalid_input',
      actionKey: 'jwt.decode',
      vendorMessage: 'Invalid Compact JWS',
    });
    const ossl = Object.assign(new Error('bad decrypt'), { code: 'ERR_OSSL_BAD_DECRYPT' });
    expect(toConnectorError(ossl).kind).toBe('invalid_input');
    expect(toConnectorError(new TypeError('Key for the ES256 algorithm must be of type "ec"')).kind).toBe(
      'invalid_input',
    );
  });

  it('keeps a ConnectorError and calls other failures unknown', () => {
    const own = missingKey('jwtSecret', 'HS256', 'jwt.sign');
    expect(own).toBeInstanceOf(ConnectorError);
    expect(own.kind).toBe('auth');
    expect(toConnectorError(own)).toBe(own);
    expect(toConnectorError(new RangeError('x')).kind).toBe('unknown');
  });
});
