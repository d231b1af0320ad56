import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { downloadedFields, downloadFields, uploadFields } from './schemas.js';

describe('content fields', () => {
  it('describe every field, defaulting to text and a 10 MiB cap', () => {
    const upload = Type.Object(uploadFields());
    const download = Type.Object(downloadFields('object'));
    const output = Type.Object(downloadedFields('object'));
    for (const schema of [upload, download, output]) {
      for (const field of Object.values(schema.properties)) expect(field.description).toBeTruthy();
    }
    expect(Value.Default(download, {})).toEqual({ encoding: 'text', maxBytes: 10 * 1024 * 1024 });
    expect(download.properties.maxBytes.description).toContain('Largest object to download');
    expect(Value.Check(upload, { content: 'x', encoding: 'hex' })).toBe(false);
  });
});
