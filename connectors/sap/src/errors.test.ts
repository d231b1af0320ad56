import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { odataError, sapErrors } from './errors.js';

const clientError = (status: number, data: unknown, headers: Record<string, string> = {}) =>
  new ConnectorError(`request failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: { status, url: 'https://s4.example.com/sap/opu/odata/sap/API_X/A_X', headers, data },
  });

// SAP Gateway's V2 error body (message as { lang, value }, innererror), and V4's (message as text).
const gatewayError = {
  error: {
    code: 'SY/530',
    message: { lang: 'en', value: 'Business partner 99 does not exist' },
    innererror: { transactionid: 'A1B2', errordetails: [] },
  },
};

describe('odataError', () => {
  it('reads V2 and V4 error bodies', () => {
    expect(odataError(gatewayError)).toEqual({ code: 'SY/530', message: 'Business partner 99 does not exist' });
    expect(odataError({ error: { code: '412', message: 'ETag mismatch', details: [] } })).toEqual({
      code: '412',
      message: 'ETag mismatch',
    });
    expect(odataError('<html>')).toEqual({});
  });
});

describe('sapErrors', () => {
  it('keeps the service’s code and words and classifies by status', () => {
    expect(sapErrors.toConnectorError(clientError(404, gatewayError), 'entities.get')).toMatchObject({
      kind: 'not_found',
      status: 404,
      vendorMessage: 'Business partner 99 does not exist',
      actionKey: 'entities.get',
    });
  });

  it('says to read again on 412 and to give the ETag on 428', () => {
    const stale = sapErrors.toConnectorError(
      clientError(412, { error: { code: '412', message: 'Precondition Failed' } }),
    );
    expect(stale).toMatchObject({ kind: 'conflict', status: 412 });
    expect(stale.hint).toMatch(/read it again/);
    const missing = sapErrors.toConnectorError(
      clientError(428, { error: { code: '428', message: 'Precondition Required' } }),
    );
    expect(missing).toMatchObject({ kind: 'invalid_input', status: 428 });
  });

  it('reads a CSRF refusal as auth with what to check', () => {
    const refused = sapErrors.toConnectorError(
      clientError(403, 'CSRF token validation failed', { 'x-csrf-token': 'Required' }),
    );
    expect(refused).toMatchObject({ kind: 'auth', status: 403, vendorMessage: 'CSRF token validation failed' });
    expect(refused.hint).toMatch(/session cookies/);
  });
});
