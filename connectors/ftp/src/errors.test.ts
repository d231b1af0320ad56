import { describe, expect, it } from 'vitest';
import { ftpErrors, isMissing } from './errors.js';

const ftpError = (code: number, message: string) => Object.assign(new Error(message), { name: 'FTPError', code });

describe('ftpErrors', () => {
  it('maps FTP reply codes to kinds, not HTTP statuses', () => {
    expect(ftpErrors.toConnectorError(ftpError(530, '530 Login incorrect.'), 'files.list')).toMatchObject({
      kind: 'auth',
      actionKey: 'files.list',
    });
    expect(ftpErrors.toConnectorError(ftpError(550, '550 Failed to open file.')).kind).toBe('not_found');
    expect(ftpErrors.toConnectorError(ftpError(553, '553 Could not create file.')).kind).toBe('invalid_input');
    expect(ftpErrors.toConnectorError(ftpError(421, '421 Timeout.')).kind).toBe('transient');
    expect(ftpErrors.toConnectorError(ftpError(452, '452 Insufficient storage.')).kind).toBe('rate_limit');
    expect(ftpErrors.toConnectorError(ftpError(534, '534 Policy requires SSL.')).hint).toMatch(/explicit/);
  });

  it('reads a 450/451 that names a missing file as not found', () => {
    const missing = ftpError(451, "451 ENOENT: no such file or directory, stat '/x'");
    expect(isMissing(missing)).toBe(true);
    expect(ftpErrors.toConnectorError(missing).kind).toBe('not_found');
    expect(isMissing(ftpError(451, '451 Local error in processing.'))).toBe(false);
    expect(ftpErrors.toConnectorError(ftpError(451, '451 Local error in processing.')).kind).toBe('transient');
  });

  it('reads refused sockets and timeouts as transient, and TLS refusals as auth', () => {
    expect(
      ftpErrors.toConnectorError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind,
    ).toBe('transient');
    expect(ftpErrors.toConnectorError(new Error('Timeout (control socket)')).kind).toBe('transient');
    expect(
      ftpErrors.toConnectorError(Object.assign(new Error('self-signed'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' })).kind,
    ).toBe('auth');
  });
});
