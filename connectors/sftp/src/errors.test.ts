import { describe, expect, it } from 'vitest';
import { sftpErrors } from './errors.js';

const failure = (message: string, extra: object = {}) => Object.assign(new Error(message), extra);

describe('sftpErrors', () => {
  it('maps SFTP status codes and ssh2-sftp-client codes', () => {
    expect(sftpErrors.toConnectorError(failure('get: No such file /x', { code: 2 }), 'files.download')).toMatchObject({
      kind: 'not_found',
      actionKey: 'files.download',
    });
    expect(sftpErrors.toConnectorError(failure('put: Permission denied', { code: 3 })).kind).toBe('auth');
    expect(sftpErrors.toConnectorError(failure('list: No such file', { code: 'ENOENT' })).kind).toBe('not_found');
    expect(sftpErrors.toConnectorError(failure('mkdir: Bad path', { code: 'ERR_BAD_PATH' })).kind).toBe(
      'invalid_input',
    );
    expect(sftpErrors.toConnectorError(failure('rmdir: Failure', { code: 4 })).kind).toBe('unknown');
  });

  it('reads login and host key failures as auth, with hints', () => {
    const login = sftpErrors.toConnectorError(failure('getConnection: All configured authentication methods failed'));
    expect(login.kind).toBe('auth');
    expect(login.hint).toMatch(/credentials/);
    const host = sftpErrors.toConnectorError(failure('getConnection: Host denied (verification failed)'));
    expect(host.kind).toBe('auth');
    expect(host.hint).toMatch(/hostFingerprint/);
  });

  it('reads unreachable servers as transient', () => {
    expect(
      sftpErrors.toConnectorError(failure('getConnection: Remote host refused connection', { code: 'ECONNREFUSED' }))
        .kind,
    ).toBe('transient');
    expect(
      sftpErrors.toConnectorError(failure('Timed out while waiting for handshake', { level: 'client-timeout' })).kind,
    ).toBe('transient');
  });
});
