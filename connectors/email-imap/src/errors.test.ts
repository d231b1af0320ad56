import { describe, expect, it } from 'vitest';
import { selectFailure } from './client.js';
import { imapErrors } from './errors.js';

/** A command error as imapflow rejects with it (lib/tools.js enhanceCommandError). */
const commandError = (responseStatus: string, serverResponseCode?: string, responseText = 'refused') =>
  Object.assign(new Error('Command failed'), { responseStatus, serverResponseCode, responseText });

describe('imapErrors', () => {
  it('classifies RFC 5530 response codes', () => {
    const cases: [string, string][] = [
      ['NONEXISTENT', 'not_found'],
      ['TRYCREATE', 'not_found'],
      ['ALREADYEXISTS', 'conflict'],
      ['NOPERM', 'auth'],
      ['OVERQUOTA', 'invalid_input'],
      ['LIMIT', 'rate_limit'],
      ['UNAVAILABLE', 'transient'],
      ['INUSE', 'transient'],
    ];
    for (const [code, kind] of cases) {
      const mapped = imapErrors.toConnectorError(commandError('NO', code, `${code} text`), 'messages.move');
      expect(mapped, code).toMatchObject({ kind, vendorMessage: `${code} text`, actionKey: 'messages.move' });
      expect(mapped.message).toBe(`IMAP server answered NO [${code}]: ${code} text`);
    }
    expect(imapErrors.toConnectorError(commandError('BAD')).kind).toBe('invalid_input');
  });

  it('classifies logins, TLS and connection failures', () => {
    const login = Object.assign(new Error('Authentication failed'), {
      authenticationFailed: true,
      serverResponseCode: 'AUTHENTICATIONFAILED',
      responseText: 'Invalid credentials (Failure)',
    });
    const mapped = imapErrors.toConnectorError(login);
    expect(mapped).toMatchObject({
      kind: 'auth',
      message: 'IMAP server refused the login: Invalid credentials (Failure)',
    });
    expect(mapped.hint).toMatch(/app password/);
    const tls = imapErrors.toConnectorError(
      Object.assign(new Error('Server does not support STARTTLS'), { tlsFailed: true }),
    );
    expect(tls).toMatchObject({ kind: 'invalid_input' });
    expect(tls.hint).toMatch(/security tls/);
    expect(
      imapErrors.toConnectorError(
        Object.assign(new Error('self-signed certificate'), { code: 'DEPTH_ZERO_SELF_SIGNED_CERT' }),
      ).kind,
    ).toBe('auth');
    expect(
      imapErrors.toConnectorError(Object.assign(new Error('Connection not available'), { code: 'NoConnection' })).kind,
    ).toBe('transient');
    expect(
      imapErrors.toConnectorError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind,
    ).toBe('transient');
    expect(imapErrors.toConnectorError(Object.assign(new Error('throttled'), { code: 'ETHROTTLE' })).kind).toBe(
      'rate_limit',
    );
  });
});

describe('selectFailure', () => {
  it('makes a refused SELECT not_found, and leaves other failures alone', () => {
    expect(selectFailure(commandError('NO', 'NONEXISTENT', 'Mailbox does not exist'), 'Nope')).toMatchObject({
      kind: 'not_found',
      message: 'cannot open mailbox Nope: Mailbox does not exist',
    });
    expect(selectFailure(commandError('BAD', undefined, 'Invalid mailbox name'), 'Nope')).toMatchObject({
      kind: 'not_found',
    });
    const noperm = commandError('NO', 'NOPERM');
    expect(selectFailure(noperm, 'Shared/x')).toBe(noperm);
    const socket = Object.assign(new Error('reset'), { code: 'ECONNRESET' });
    expect(selectFailure(socket, 'INBOX')).toBe(socket);
  });
});
