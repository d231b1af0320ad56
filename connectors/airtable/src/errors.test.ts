import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { airtableErrors } from './errors.js';

function httpError(status: number, data: unknown, retryAfter?: number): ConnectorError {
  return new ConnectorError(`GET https://api.airtable.com/v0/x failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    retryAfter,
    cause: { status, headers: {}, data, url: 'https://api.airtable.com/v0/x' },
  });
}

describe('airtableErrors', () => {
  it('classifies by Airtable’s error type, before the status', () => {
    const missing = airtableErrors.toConnectorError(
      httpError(403, {
        error: {
          type: 'INVALID_PERMISSIONS_OR_MODEL_NOT_FOUND',
          message: 'Invalid permissions, or the requested model was not found.',
        },
      }),
      'records.list',
    );
    expect(missing).toMatchObject({ kind: 'not_found', status: 403, actionKey: 'records.list' });
    expect(missing.hint).toContain('base');
    expect(
      airtableErrors.toConnectorError(
        httpError(422, { error: { type: 'UNKNOWN_FIELD_NAME', message: 'Unknown field name: "Nme"' } }),
      ),
    ).toMatchObject({
      kind: 'invalid_input',
      message: 'Airtable answered 422 UNKNOWN_FIELD_NAME: Unknown field name: "Nme"',
    });
    expect(airtableErrors.toConnectorError(httpError(404, { error: 'NOT_FOUND' }))).toMatchObject({
      kind: 'not_found',
    });
  });

  it('gives a 429 without Retry-After Airtable’s documented 30 s, and keeps one that is sent', () => {
    expect(airtableErrors.toConnectorError(httpError(429, {}))).toMatchObject({ kind: 'rate_limit', retryAfter: 30 });
    expect(airtableErrors.toConnectorError(httpError(429, {}, 5))).toMatchObject({ retryAfter: 5 });
  });

  it('treats the monthly billing limit as a rate limit with a hint', () => {
    const error = airtableErrors.toConnectorError(
      httpError(429, { error: { type: 'PUBLIC_API_BILLING_LIMIT_EXCEEDED' } }),
    );
    expect(error).toMatchObject({ kind: 'rate_limit' });
    expect(error.hint).toContain('monthly');
  });
});
