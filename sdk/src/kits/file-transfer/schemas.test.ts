import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { ConnectorError } from '../../errors.js';
import { existingPath, folderNotFile, missingPath, notAFolder } from './errors.js';
import { listedFields, listFields, moveFields, pathField, uploadFileFields } from './schemas.js';

describe('file-transfer fields', () => {
  it('refuses empty paths and NUL bytes', () => {
    const path = pathField('p');
    expect(Value.Check(path, '/inbox/a.csv')).toBe(true);
    expect(Value.Check(path, '')).toBe(false);
    expect(Value.Check(path, 'a\u0000b')).toBe(false);
  });

  it('gives list input defaults and an output over the server’s entry', () => {
    const input = Type.Object(listFields('Folder to list'));
    expect(Value.Default(input, { path: '/outbox' })).toEqual({ path: '/outbox', type: 'any', limit: 1000 });
    const output = Type.Object(listedFields(Type.Object({ name: Type.String() })));
    expect(Value.Check(output, { path: '/', entries: [{ name: 'a' }], count: 1, truncated: false })).toBe(true);
    expect(Value.Check(output, { path: '/', entries: [{}], count: 1, truncated: false })).toBe(false);
  });

  it('describes overwrite per server and defaults uploads to overwrite and create folders', () => {
    expect(moveFields('Replace it atomically').overwrite.description).toBe('Replace it atomically');
    const upload = Type.Object(uploadFileFields());
    expect(Value.Default(upload, { path: '/a', content: 'x' })).toMatchObject({
      encoding: 'text',
      overwrite: true,
      createFolders: true,
    });
  });
});

describe('file-transfer failures', () => {
  it('classifies each failure', () => {
    const kinds = [
      missingPath('/a', 'k'),
      existingPath('/a', 'k'),
      folderNotFile('/a', 'k'),
      notAFolder('/a', 'k'),
    ].map((error) => (error instanceof ConnectorError ? [error.kind, error.message] : []));
    expect(kinds).toEqual([
      ['not_found', '/a does not exist'],
      ['conflict', '/a already exists'],
      ['invalid_input', '/a is a folder'],
      ['conflict', '/a exists and is not a folder'],
    ]);
  });
});
