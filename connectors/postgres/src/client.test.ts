import { InputProblem } from '@mova/sdk/sql';
import { afterEach, describe, expect, it } from 'vitest';
import { clientConfig } from './client.js';

const passwordOf = (config: ReturnType<typeof clientConfig>) =>
  typeof config.password === 'function' ? config.password() : config.password;

describe('clientConfig', () => {
  afterEach(() => {
    delete process.env.PGPASSWORD;
  });

  it('never takes a missing password from PGPASSWORD or ~/.pgpass', () => {
    process.env.PGPASSWORD = 'host-secret';
    const config = clientConfig({ host: 'db.internal' });
    expect(passwordOf(config)).toBe('');
    expect(config).toMatchObject({
      host: 'db.internal',
      port: 5432,
      user: 'postgres',
      database: 'postgres',
      ssl: false,
    });
  });

  it('reads a connection string with libpq sslmode meanings', () => {
    const config = clientConfig({
      connectionString: 'postgres://app:p%40ss@db.example.com:6543/shop?sslmode=require&application_name=etl',
    });
    expect(config).toMatchObject({
      host: 'db.example.com',
      port: 6543,
      user: 'app',
      database: 'shop',
      ssl: { rejectUnauthorized: false },
      application_name: 'etl',
    });
    expect(passwordOf(config)).toBe('p@ss');
  });

  it('maps each ssl setting, the field winning over the string', () => {
    const ssl = (value: boolean | 'disable' | 'require' | 'verify-ca' | 'verify-full') =>
      clientConfig({ host: 'h', ssl: value }).ssl;
    expect(ssl(false)).toBe(false);
    expect(ssl('disable')).toBe(false);
    expect(ssl('require')).toEqual({ rejectUnauthorized: false });
    expect(ssl('verify-ca')).toMatchObject({ rejectUnauthorized: true, checkServerIdentity: expect.any(Function) });
    expect(ssl(true)).toEqual({ rejectUnauthorized: true });
    expect(ssl('verify-full')).toEqual({ rejectUnauthorized: true });
    expect(clientConfig({ connectionString: 'postgres://h/db?sslmode=verify-full', ssl: 'disable' }).ssl).toBe(false);
  });

  it('refuses strings it cannot read safely, without echoing the password', () => {
    const refuse = (connectionString: string) => {
      try {
        clientConfig({ connectionString });
      } catch (error) {
        expect(error).toBeInstanceOf(InputProblem);
        expect(String(error)).not.toContain('s3cret');
        return String(error);
      }
      throw new Error('accepted');
    };
    expect(refuse('postgres://u:s3cret@h/db?sslrootcert=/etc/ssl/ca.pem')).toContain('"sslrootcert" is not supported');
    expect(refuse('postgres://u:s3cret@h/db?sslmode=prefer')).toContain('sslmode=prefer');
    expect(refuse('postgres:///db')).toContain('no host');
    expect(refuse('postgres://u:s3cret@h:99999/db')).toContain('not a valid URL');
  });
});
