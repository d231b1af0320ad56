import { GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { describe, expect, it } from 'vitest';
import { s3Client } from './client.js';

const keys = { accessKeyId: 'AKIAIOSFODNN7EXAMPLE', secretAccessKey: 'wJalrXUtnFEMI/K7MDENG', region: 'eu-west-1' };

// Presigning is local: these URLs are made, never fetched.
describe('s3Client', () => {
  it('addresses AWS buckets by host name, and custom endpoints by path unless told otherwise', async () => {
    const aws = await getSignedUrl(s3Client(keys), new GetObjectCommand({ Bucket: 'acme', Key: 'a.txt' }));
    expect(new URL(aws).host).toBe('acme.s3.eu-west-1.amazonaws.com');
    const minio = await getSignedUrl(
      s3Client({ ...keys, endpoint: 'https://minio.example.com:9000' }),
      new GetObjectCommand({ Bucket: 'acme', Key: 'a.txt' }),
    );
    expect(new URL(minio)).toMatchObject({ host: 'minio.example.com:9000', pathname: '/acme/a.txt' });
    const virtual = await getSignedUrl(
      s3Client({ ...keys, endpoint: 'https://example.r2.cloudflarestorage.com', forcePathStyle: false }),
      new GetObjectCommand({ Bucket: 'acme', Key: 'a.txt' }),
    );
    expect(new URL(virtual).host).toBe('acme.example.r2.cloudflarestorage.com');
  });

  it('signs no checksum into a presigned PUT for AWS, where the body is not known yet', async () => {
    const url = new URL(
      await getSignedUrl(
        s3Client(keys, undefined, { presigning: true }),
        new PutObjectCommand({ Bucket: 'acme', Key: 'up.csv', ContentType: 'text/csv' }),
        { expiresIn: 60 },
      ),
    );
    expect([...url.searchParams.keys()].filter((name) => /checksum/i.test(name))).toEqual([]);
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^AKIAIOSFODNN7EXAMPLE\/\d{8}\/eu-west-1\/s3\//);
  });
});
