import { describe, expect, it } from 'vitest';
import { kindOfReply, smtpErrors } from './errors.js';

/** An error as nodemailer's SMTP connection builds it from a server reply. */
const smtpError = (code: string, responseCode: number | undefined, response?: string) =>
  Object.assign(new Error(response ?? code), { code, responseCode, response });

describe('kindOfReply', () => {
  it('reads RFC 5321 reply codes', () => {
    expect(kindOfReply(535)).toBe('auth');
    expect(kindOfReply(530)).toBe('auth');
    expect(kindOfReply(421)).toBe('transient');
    expect(kindOfReply(452)).toBe('transient');
    expect(kindOfReply(550)).toBe('invalid_input');
    expect(kindOfReply(552)).toBe('invalid_input');
  });
});

describe('smtpErrors', () => {
  it('classifies by the step the server refused, then by reply code', () => {
    const login = smtpErrors.toConnectorError(smtpError('EAUTH', 535, '535 5.7.8 Authentication failed'), 'email.send');
    expect(login).toMatchObject({
      kind: 'auth',
      actionKey: 'email.send',
      vendorMessage: '535 5.7.8 Authentication failed',
    });
    expect(login.message).toBe('SMTP server answered 535 to the login: 535 5.7.8 Authentication failed');
    expect(login.hint).toMatch(/app password/);
    expect(smtpErrors.toConnectorError(smtpError('ETLS', 502, '502 no')).kind).toBe('invalid_input');
    expect(smtpErrors.toConnectorError(smtpError('EENVELOPE', 450, '450 mailbox busy')).kind).toBe('transient');
    expect(smtpErrors.toConnectorError(smtpError('EENVELOPE', 550, '550 no such user')).kind).toBe('invalid_input');
    expect(smtpErrors.toConnectorError(smtpError('EMESSAGE', 552, '552 too big')).kind).toBe('invalid_input');
  });

  it('classifies socket, timeout and certificate failures', () => {
    expect(smtpErrors.toConnectorError(smtpError('ECONNECTION', undefined)).kind).toBe('transient');
    expect(smtpErrors.toConnectorError(smtpError('ETIMEDOUT', undefined)).kind).toBe('transient');
    expect(
      smtpErrors.toConnectorError(Object.assign(new Error('connect ECONNREFUSED'), { code: 'ECONNREFUSED' })).kind,
    ).toBe('transient');
    const cert = smtpErrors.toConnectorError(smtpError('ESOCKET', undefined, 'self-signed certificate'));
    expect(cert.kind).toBe('auth');
    expect(cert.hint).toMatch(/ca/);
  });
});
