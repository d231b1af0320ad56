import { InputProblem } from '@mova/sdk/sql';
import { describe, expect, it } from 'vitest';
import { connectionOptions } from './client.js';

describe('connectionOptions', () => {
  it('fills defaults and keeps numbers exact, dates as text and one statement per call', () => {
    expect(connectionOptions({ host: 'db.internal' })).toMatchObject({
      host: 'db.internal',
      port: 3306,
      user: 'root',
      password: '',
      database: undefined,
      ssl: undefined,
      supportBigNumbers: true,
      bigNumberStrings: true,
      dateStrings: true,
      multipleStatements: false,
      flags: ['-LOCAL_FILES', '-FOUND_ROWS'],
    });
  });

  it('reads a connection string, ssl-mode included', () => {
    expect(
      connectionOptions({
        connectionString: 'mysql://app:p%40ss@db.example.com:3307/shop?ssl-mode=REQUIRED&charset=latin1',
      }),
    ).toMatchObject({
      host: 'db.example.com',
      port: 3307,
      user: 'app',
      password: 'p@ss',
      database: 'shop',
      ssl: { rejectUnauthorized: false },
      charset: 'latin1',
    });
  });

  it('maps each ssl setting, the field winning over the string', () => {
    const ssl = (value: boolean | 'disabled' | 'required' | 'verify-ca' | 'verify-identity') =>
      connectionOptions({ host: 'h', ssl: value }).ssl;
    expect(ssl(false)).toBeUndefined();
    expect(ssl('disabled')).toBeUndefined();
    expect(ssl('required')).toEqual({ rejectUnauthorized: false });
    expect(ssl('verify-ca')).toEqual({ rejectUnauthorized: true, verifyIdentity: false });
    expect(ssl(true)).toEqual({ rejectUnauthorized: true, verifyIdentity: true });
    expect(ssl('verify-identity')).toEqual({ rejectUnauthorized: true, verifyIdentity: true });
    expect(connectionOptions({ connectionString: 'mysql://h/db?ssl-mode=VERIFY_IDENTITY', ssl: 'disabled' }).ssl).toBe(
      undefined,
    );
  });

  it('refuses strings it cannot read safely, without echoing the password', () => {
    const refuse = (connectionString: string) => {
      try {
        connectionOptions({ connectionString });
      } catch (error) {
        expect(error).toBeInstanceOf(InputProblem);
        expect(String(error)).not.toContain('s3cret');
        return String(error);
      }
      throw new Error('accepted');
    };
    expect(refuse('mysql://u:s3cret@h/db?multipleStatements=true')).toContain('"multipleStatements" is not supported');
    expect(refuse('mysql://u:s3cret@h/db?ssl-mode=PREFERRED')).toContain('ssl-mode=PREFERRED');
    expect(refuse('mysql:///db')).toContain('no host');
    expect(refuse('mysql://u:s3cret@h:99999/db')).toContain('not a valid URL');
  });
});
