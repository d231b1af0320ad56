import { ListObjectsV2Command } from '@aws-sdk/client-s3';
import { defineTrigger, type Static, Type } from '@mova/sdk';
import { auth } from '../auth.js';
import { withS3 } from '../client.js';
import { bucketField, isoDate, unquote } from '../objects.js';

const newObject = Type.Object({
  id: Type.String({ description: 'Key and ETag ("key@etag"): one version of the object, what the trigger dedupes on' }),
  bucket: Type.String({ description: 'Bucket name' }),
  key: Type.String({ description: 'Object key' }),
  size: Type.Integer({ minimum: 0, description: 'Size in bytes' }),
  etag: Type.String({ description: 'Entity tag without quotes' }),
  lastModified: Type.String({ format: 'date-time', description: 'When the object was written (ISO 8601)' }),
  storageClass: Type.Optional(Type.String({ description: 'Storage class, e.g. STANDARD' })),
});

/** Most objects one poll returns: the dedupe memory keeps the last 1000 ids. */
const MAX_ITEMS = 1000;

export const newObjects = defineTrigger({
  auth,
  kind: 'polling',
  key: 'objects.new',
  title: 'New or updated object',
  description:
    'Starts a workflow for each object written to a bucket (under a prefix, with a suffix): each poll lists the keys, keeps those modified within the look-back window, and emits each key and ETag once, so an overwritten object fires again.',
  input: Type.Object({
    bucket: bucketField(),
    prefix: Type.Optional(Type.String({ description: 'Only keys starting with this, e.g. "incoming/"' })),
    suffix: Type.Optional(Type.String({ minLength: 1, description: 'Only keys ending with this, e.g. ".csv"' })),
    lookbackMinutes: Type.Integer({
      minimum: 1,
      maximum: 10080,
      default: 1440,
      description:
        'Objects modified this many minutes before the poll, or more recently, are considered (default 1440, one day); keep it longer than the polling interval',
    }),
    maxKeys: Type.Integer({
      minimum: 1,
      maximum: 100000,
      default: 10000,
      description: 'Most keys one poll lists (in pages of 1000) before it stops (default 10000)',
    }),
  }),
  output: newObject,
  dedupe: { by: 'id', field: 'id' },
  examples: [
    { title: 'New CSV files in incoming/', input: { bucket: 'acme-reports', prefix: 'incoming/', suffix: '.csv' } },
  ],
  async poll({ input, auth, ctx }) {
    const after = Date.now() - input.lookbackMinutes * 60_000;
    const found = await withS3(auth, ctx, async (s3, options) => {
      const objects: Static<typeof newObject>[] = [];
      let token: string | undefined;
      let listed = 0;
      do {
        const page = await s3.send(
          new ListObjectsV2Command({
            Bucket: input.bucket,
            Prefix: input.prefix,
            ContinuationToken: token,
            MaxKeys: Math.min(1000, input.maxKeys - listed),
          }),
          options,
        );
        for (const item of page.Contents ?? []) {
          listed++;
          const key = item.Key ?? '';
          if (input.suffix && !key.endsWith(input.suffix)) continue;
          if (!item.LastModified || item.LastModified.getTime() < after) continue;
          const etag = unquote(item.ETag);
          objects.push({
            id: `${key}@${etag}`,
            bucket: input.bucket,
            key,
            size: item.Size ?? 0,
            etag,
            lastModified: isoDate(item.LastModified),
            ...(item.StorageClass ? { storageClass: item.StorageClass } : {}),
          });
        }
        token = page.IsTruncated ? page.NextContinuationToken : undefined;
      } while (token && listed < input.maxKeys);
      return objects;
    });
    // Oldest first, so workflows run in the order objects arrived; the newest when there are more.
    return found.sort((a, b) => a.lastModified.localeCompare(b.lastModified)).slice(-MAX_ITEMS);
  },
});
