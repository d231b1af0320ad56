import { ConnectorError } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import { jenkinsErrors, jenkinsMessage } from './errors.js';

const page = (status: number, reason: string) =>
  new ConnectorError(`POST failed with HTTP ${status}`, {
    kind: 'unknown',
    status,
    cause: {
      status,
      url: 'https://ci/job/x/build',
      headers: { 'content-type': 'text/html' },
      data: `<html><head><title>Error ${status} ${reason}</title></head><body><h2>HTTP ERROR ${status} ${reason}</h2></body></html>`,
    },
  });

describe('jenkinsMessage', () => {
  it('reads the reason from X-Error or the error page', () => {
    expect(jenkinsMessage({ 'x-error': 'No such job' }, '')).toBe('No such job');
    expect(jenkinsMessage({}, '<h2>HTTP ERROR 404 Not Found</h2>')).toBe('HTTP ERROR 404 Not Found');
    expect(jenkinsMessage({}, { some: 'json' })).toBeUndefined();
  });
});

describe('jenkinsErrors', () => {
  it('classifies by status with Jenkins’s reason, and a refused crumb as transient', () => {
    expect(jenkinsErrors.toConnectorError(page(404, 'Not Found'), 'builds.get')).toMatchObject({
      kind: 'not_found',
      vendorMessage: 'HTTP ERROR 404 Not Found',
    });
    expect(jenkinsErrors.toConnectorError(page(403, 'Forbidden'))).toMatchObject({ kind: 'auth' });
    expect(jenkinsErrors.toConnectorError(page(403, 'No valid crumb was included in the request'))).toMatchObject({
      kind: 'transient',
      status: 403,
    });
  });
});
