import { describe, expect, it } from 'vitest';
import { copySource, propertiesOf, unquote } from './objects.js';

describe('copySource', () => {
  it('URL-encodes each key segment and keeps the slashes', () => {
    expect(copySource('acme', 'a b/ü.txt')).toBe('acme/a%20b/%C3%BC.txt');
    expect(copySource('acme', 'x+y?.json', 'v 1')).toBe('acme/x%2By%3F.json?versionId=v%201');
  });
});

describe('propertiesOf', () => {
  it('unquotes the ETag, dates in ISO 8601, and drops the "null" version of unversioned buckets', () => {
    expect(
      propertiesOf('acme', 'k', {
        ContentLength: 3,
        ContentType: 'text/csv',
        ETag: '"abc"',
        LastModified: new Date('2025-03-04T18:00:00Z'),
        VersionId: 'null',
        StorageClass: 'GLACIER',
      }),
    ).toEqual({
      bucket: 'acme',
      key: 'k',
      size: 3,
      contentType: 'text/csv',
      etag: 'abc',
      lastModified: '2025-03-04T18:00:00.000Z',
      metadata: {},
      storageClass: 'GLACIER',
    });
    expect(unquote('"d41d8cd98f00b204e9800998ecf8427e-2"')).toBe('d41d8cd98f00b204e9800998ecf8427e-2');
  });
});
