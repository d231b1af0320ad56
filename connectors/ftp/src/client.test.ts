import { type FileInfo, FileType } from 'basic-ftp';
import { describe, expect, it } from 'vitest';
import { accessOptions } from './client.js';
import { entryOf } from './entries.js';

describe('accessOptions', () => {
  it('picks the port and TLS mode', () => {
    expect(accessOptions({ host: 'h', username: 'u', password: 'p', tls: 'none' })).toMatchObject({
      port: 21,
      secure: false,
    });
    expect(accessOptions({ host: 'h', username: 'u', tls: 'explicit', ca: 'PEM' })).toMatchObject({
      port: 21,
      secure: true,
      secureOptions: { ca: 'PEM' },
    });
    expect(accessOptions({ host: 'h', username: 'u', tls: 'implicit' })).toMatchObject({
      port: 990,
      secure: 'implicit',
    });
    expect(accessOptions({ host: 'h', username: 'anonymous', tls: 'none' }).password).toBe('anonymous@');
  });
});

describe('entryOf', () => {
  it('turns a listing line into an entry', () => {
    const info = {
      name: 'a.csv',
      type: FileType.File,
      size: 5,
      rawModifiedAt: 'Mar 04 18:00',
      permissions: { user: 6, group: 4, world: 4 },
    };
    expect(entryOf('/in', info as FileInfo)).toEqual({
      name: 'a.csv',
      path: '/in/a.csv',
      type: 'file',
      size: 5,
      rawModifiedAt: 'Mar 04 18:00',
      permissions: '644',
    });
  });
});
