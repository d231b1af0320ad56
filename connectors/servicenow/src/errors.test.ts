import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { serviceNowErrors, serviceNowMessage } from './errors.js';

const clientError = (status: number, data: unknown) =>
  new ConnectorError(`request failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: { status, url: 'https://dev1.service-now.com/api/now/table/incident', headers: {}, data },
  });

describe('serviceNowMessage', () => {
  it('joins the error message and detail', () => {
    expect(
      serviceNowMessage({ error: { message: 'No Record found', detail: 'ACL restricts' }, status: 'failure' }),
    ).toBe('No Record found: ACL restricts');
    expect(serviceNowMessage({ error: { message: 'Invalid table x', detail: null } })).toBe('Invalid table x');
    expect(serviceNowMessage({ result: [] })).toBeUndefined();
  });
});

describe('serviceNowErrors', () => {
  it('classifies by status with ServiceNow’s words', () => {
    expect(
      serviceNowErrors.toConnectorError(
        clientError(404, { error: { message: 'No Record found', detail: null } }),
        'records.get',
      ),
    ).toMatchObject({ kind: 'not_found', status: 404, vendorMessage: 'No Record found', actionKey: 'records.get' });
    expect(
      serviceNowErrors.toConnectorError(clientError(401, { error: { message: 'User Not Authenticated' } })),
    ).toMatchObject({
      kind: 'auth',
    });
  });

  it('reads a data policy refusal (403) as invalid input, not as missing rights', () => {
    const error = serviceNowErrors.toConnectorError(
      clientError(403, {
        error: {
          message: 'Operation Failed',
          detail: 'Data Policy Exception: The following fields are mandatory: Resolution notes',
        },
      }),
    );
    expect(error).toMatchObject({ kind: 'invalid_input', status: 403 });
    expect(
      serviceNowErrors.toConnectorError(clientError(403, { error: { message: 'Insufficient rights' } })),
    ).toMatchObject({
      kind: 'auth',
    });
  });
});
