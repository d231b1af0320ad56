import { describe, expect, it } from 'vitest';
import { transportOptions } from './client.js';
import { headerOf } from './schemas.js';

describe('transportOptions', () => {
  it('maps security to nodemailer secure/requireTLS/ignoreTLS and picks the port', () => {
    expect(transportOptions({ host: 'smtp.example.com', security: 'starttls' })).toMatchObject({
      port: 587,
      secure: false,
      requireTLS: true,
      ignoreTLS: false,
    });
    expect(transportOptions({ host: 'smtp.example.com', security: 'tls' })).toMatchObject({ port: 465, secure: true });
    expect(transportOptions({ host: 'relay', port: 25, security: 'none' })).toMatchObject({
      port: 25,
      ignoreTLS: true,
      requireTLS: false,
    });
  });

  it('logs in with a password or an XOAUTH2 token, and refuses half a login', () => {
    expect(transportOptions({ host: 'h', security: 'starttls', username: 'u', password: 'p' }).auth).toEqual({
      user: 'u',
      pass: 'p',
    });
    expect(transportOptions({ host: 'h', security: 'starttls', username: 'u', accessToken: 't' }).auth).toEqual({
      type: 'OAuth2',
      user: 'u',
      accessToken: 't',
    });
    expect(() => transportOptions({ host: 'h', security: 'starttls', username: 'u' })).toThrow(
      /both username and password/,
    );
    expect(() => transportOptions({ host: 'h', security: 'starttls', accessToken: 't' })).toThrow(/XOAUTH2/);
  });
});

describe('headerOf', () => {
  it('finds an unfolded header in the head only', () => {
    const raw = Buffer.from('Subject: a\r\n b\r\nMessage-ID:\r\n <m@x>\r\n\r\nMessage-ID: <body@x>\r\n');
    expect(headerOf(raw, 'message-id')).toBe('<m@x>');
    expect(headerOf(raw, 'subject')).toBe('a b');
    expect(headerOf(raw, 'date')).toBeUndefined();
  });
});
