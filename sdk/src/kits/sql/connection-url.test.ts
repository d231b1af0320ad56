import { describe, expect, it } from 'vitest';
import { connectionParts, parseDatabaseUrl } from './connection-url.js';
import { InputProblem } from './errors.js';

const options = {
  schemes: ['postgres', 'postgresql'],
  port: 5432,
  params: { sslmode: (value: string) => ({ ssl: value }), x: () => ({}) },
  otherParams: 'Files cannot be read.',
};

describe('parseDatabaseUrl', () => {
  it("reads the parts, decoding them, and the parameters through the connector's readers", () => {
    expect(parseDatabaseUrl('postgres://app:p%40ss@[::1]:6543/sh%20op?sslmode=require&x=1', options)).toEqual({
      host: '::1',
      port: 6543,
      user: 'app',
      password: 'p@ss',
      database: 'sh op',
      ssl: 'require',
    });
    expect(parseDatabaseUrl('postgresql://h', options)).toEqual({ host: 'h' });
  });

  it('refuses what it cannot read, never echoing the password', () => {
    const refuse = (value: string) => {
      try {
        parseDatabaseUrl(value, options);
      } catch (error) {
        expect(error).toBeInstanceOf(InputProblem);
        expect(`${error} ${(error as InputProblem).hint}`).not.toContain('s3cret');
        return String(error);
      }
      throw new Error('accepted');
    };
    expect(refuse('postgres://u:s3cret@h:99999/db')).toContain('not a valid URL');
    expect(refuse('mysql://u:s3cret@h/db')).toContain('must start with postgres://');
    expect(refuse('postgres:///db')).toContain('no host');
    expect(refuse('postgres://u:s3cret@h/db?sslrootcert=/etc/ca.pem')).toContain('"sslrootcert" is not supported');
    try {
      parseDatabaseUrl('postgres://h/db?sslkey=k', options);
    } catch (error) {
      expect(error).toMatchObject({ hint: 'Supported: sslmode, x. Files cannot be read.' });
    }
  });
});

describe('connectionParts', () => {
  it('takes the string or the fields, never a mix', () => {
    const parse = (url: string) => ({ url });
    expect(connectionParts({ host: 'h', port: 1, ssl: true }, parse)).toEqual({
      fields: { host: 'h', port: 1 },
      fromUrl: undefined,
    });
    expect(connectionParts({ connectionString: 'x://h', ssl: true }, parse)).toEqual({
      fields: {},
      fromUrl: { url: 'x://h' },
    });
    expect(() => connectionParts({ connectionString: 'x://h', host: 'h' }, parse)).toThrow(
      'the connection has both a connection string and host',
    );
  });
});
