import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { connectOptions, matchesFingerprint } from './client.js';
import { entryOf } from './entries.js';

describe('matchesFingerprint', () => {
  const key = Buffer.from('ssh-ed25519 host key blob');
  const digest = createHash('sha256').update(key).digest('base64');
  it('accepts the OpenSSH form with or without prefix and padding', () => {
    expect(matchesFingerprint(key, `SHA256:${digest.replace(/=+$/, '')}`)).toBe(true);
    expect(matchesFingerprint(key, digest)).toBe(true);
    expect(matchesFingerprint(Buffer.from('another key'), `SHA256:${digest}`)).toBe(false);
  });
});

describe('connectOptions', () => {
  it('passes password and key, and pins the host key only when asked', () => {
    const options = connectOptions({ host: 'h', port: 22, username: 'u', password: 'p' });
    expect(options).toMatchObject({ host: 'h', port: 22, username: 'u', password: 'p' });
    expect(options.hostVerifier).toBeUndefined();
    expect(
      connectOptions({ host: 'h', port: 22, username: 'u', privateKey: 'k', hostFingerprint: 'SHA256:x' }).hostVerifier,
    ).toBeTypeOf('function');
  });

  it('refuses a connection with neither password nor key', () => {
    expect(() => connectOptions({ host: 'h', port: 22, username: 'u' }, 'files.list')).toThrow(
      /neither a password nor a private key/,
    );
  });
});

describe('entryOf', () => {
  it('reads the type and permissions from the mode bits', () => {
    expect(entryOf('/in', 'a.csv', { mode: 0o100644, uid: 1, gid: 2, size: 5, atime: 0, mtime: 1741111200 })).toEqual({
      name: 'a.csv',
      path: '/in/a.csv',
      type: 'file',
      size: 5,
      modifiedAt: '2025-03-04T18:00:00.000Z',
      permissions: '0644',
      uid: 1,
      gid: 2,
    });
    expect(entryOf('/', 'd', { mode: 0o040755, uid: 0, gid: 0, size: 4096, atime: 1, mtime: 1 }).type).toBe(
      'directory',
    );
    expect(entryOf('/', 'l', { mode: 0o120777, uid: 0, gid: 0, size: 4, atime: 1, mtime: 1 }).type).toBe('symlink');
  });
});
