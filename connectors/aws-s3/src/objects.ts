import { Type } from '@mova/sdk';

export const bucketField = (description = 'Bucket name, e.g. acme-reports') =>
  Type.String({ minLength: 3, maxLength: 255, pattern: '^[A-Za-z0-9][A-Za-z0-9._-]*$', description });

export const keyField = (description = 'Object key, the full path in the bucket, e.g. reports/2025/03/sales.csv') =>
  Type.String({ minLength: 1, maxLength: 1024, description });

export const metadataField = (description: string) =>
  Type.Record(Type.String({ pattern: '^[A-Za-z0-9_-]+$' }), Type.String(), { description });

/** One object as a listing shows it. */
export const objectSummary = Type.Object({
  key: Type.String({ description: 'Object key' }),
  size: Type.Integer({ minimum: 0, description: 'Size in bytes' }),
  etag: Type.String({
    description: 'Entity tag without quotes: the MD5 of the content for single-part uploads, changes with the content',
  }),
  lastModified: Type.String({ format: 'date-time', description: 'When the object was last written (ISO 8601)' }),
  storageClass: Type.Optional(Type.String({ description: 'Storage class, e.g. STANDARD or GLACIER' })),
});

/** An object's properties, as HeadObject and GetObject give them. */
export const objectProperties = Type.Object({
  bucket: Type.String({ description: 'Bucket name' }),
  key: Type.String({ description: 'Object key' }),
  size: Type.Integer({ minimum: 0, description: 'Size in bytes' }),
  contentType: Type.String({ description: 'MIME type stored with the object' }),
  etag: Type.String({ description: 'Entity tag without quotes; changes whenever the content does' }),
  lastModified: Type.String({ format: 'date-time', description: 'When the object was last written (ISO 8601)' }),
  metadata: metadataField('User-defined metadata (x-amz-meta-* headers), names lower-cased'),
  versionId: Type.Optional(Type.String({ description: 'Version ID, in a bucket with versioning enabled' })),
  storageClass: Type.Optional(Type.String({ description: 'Storage class when not STANDARD, e.g. GLACIER' })),
  cacheControl: Type.Optional(Type.String({ description: 'Cache-Control stored with the object' })),
  contentDisposition: Type.Optional(Type.String({ description: 'Content-Disposition stored with the object' })),
});

/** `"abc"` → `abc`: S3 quotes entity tags. */
export function unquote(etag: string | undefined): string {
  return (etag ?? '').replace(/^"|"$/g, '');
}

export function isoDate(date: Date | undefined): string {
  return (date ?? new Date(0)).toISOString();
}

interface HeadLike {
  ContentLength?: number;
  ContentType?: string;
  ETag?: string;
  LastModified?: Date;
  Metadata?: Record<string, string>;
  VersionId?: string;
  StorageClass?: string;
  CacheControl?: string;
  ContentDisposition?: string;
}

/** The output fields of an object's properties, from a HeadObject or GetObject answer. */
export function propertiesOf(bucket: string, key: string, head: HeadLike) {
  return {
    bucket,
    key,
    size: head.ContentLength ?? 0,
    contentType: head.ContentType ?? 'application/octet-stream',
    etag: unquote(head.ETag),
    lastModified: isoDate(head.LastModified),
    metadata: head.Metadata ?? {},
    ...(head.VersionId && head.VersionId !== 'null' ? { versionId: head.VersionId } : {}),
    ...(head.StorageClass ? { storageClass: head.StorageClass } : {}),
    ...(head.CacheControl ? { cacheControl: head.CacheControl } : {}),
    ...(head.ContentDisposition ? { contentDisposition: head.ContentDisposition } : {}),
  };
}

/**
 * A key as CopyObject's `x-amz-copy-source` wants it: URL-encoded, "/" kept between segments.
 * @example copySource('acme', 'a b/ü.txt') // 'acme/a%20b/%C3%BC.txt'
 */
export function copySource(bucket: string, key: string, versionId?: string): string {
  const path = `${bucket}/${key.split('/').map(encodeURIComponent).join('/')}`;
  return versionId ? `${path}?versionId=${encodeURIComponent(versionId)}` : path;
}
