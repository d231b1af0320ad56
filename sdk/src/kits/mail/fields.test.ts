import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { mailConnectionFields, mailTlsOptions } from './fields.js';

describe('mailConnectionFields', () => {
  const connection = Type.Object({ host: Type.String(), ...mailConnectionFields });

  it('are optional, and refuse empty values', () => {
    expect(Value.Check(connection, { host: 'mail.test' })).toBe(true);
    expect(Value.Check(connection, { host: 'mail.test', accessToken: 'ya29.x', ca: 'PEM', servername: 'mx' })).toBe(
      true,
    );
    for (const field of ['accessToken', 'ca', 'servername']) {
      expect(Value.Check(connection, { host: 'mail.test', [field]: '' })).toBe(false);
    }
  });

  it('mark the token a secret, so it is redacted, and the TLS fields not', () => {
    expect(mailConnectionFields.accessToken.writeOnly).toBe(true);
    expect(mailConnectionFields.ca.writeOnly).toBeUndefined();
  });
});

describe('mailTlsOptions', () => {
  it('sets only what the connection names', () => {
    expect(mailTlsOptions({})).toEqual({});
    expect(mailTlsOptions({ ca: 'PEM' })).toEqual({ ca: 'PEM' });
    expect(mailTlsOptions({ ca: 'PEM', servername: 'mx.test' })).toEqual({ ca: 'PEM', servername: 'mx.test' });
  });
});
