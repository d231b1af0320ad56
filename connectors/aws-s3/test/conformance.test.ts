import {
  CreateBucketCommand,
  GetObjectCommand,
  HeadObjectCommand,
  ListObjectsV2Command,
  PutObjectCommand,
} from '@aws-sdk/client-s3';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { actionCalls, startReferenceServer } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type S3Reference, S3RVER_KEY, startS3rver } from './s3rver.js';
import { presignedSignatureOk } from './sigv4.js';
import { type StsReference, startSts } from './sts-server.js';

// Every action and the polling trigger through the sandbox users run it in (worker thread, egress
// limited to *.amazonaws.com and the hosts the connection names), against s3rver on loopback,
// reached the way MinIO or R2 is: through the connection's `endpoint` (network.connectionHosts).
// s3rver checks SigV4 signatures, so a wrong secret fails for real and presigned URLs are fetched
// for real. What the connector wrote is read back with a client of the test's own.
let s3: S3Reference;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;

beforeAll(async () => {
  s3 = await startS3rver();
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { ...S3RVER_KEY, region: 'us-east-1', endpoint: s3.url };
});
afterAll(async () => {
  await connector?.close();
  await s3?.close();
});

const { run, call: fail, runExamples } = actionCalls({ connector: () => connector, auth: () => auth });
const bucket = async (name: string) => {
  await s3.direct.send(new CreateBucketCommand({ Bucket: name }));
  return name;
};
const stored = async (Bucket: string, Key: string) => {
  const object = await s3.direct.send(new GetObjectCommand({ Bucket, Key }));
  return { object, bytes: Buffer.from((await object.Body?.transformToByteArray()) ?? []) };
};

describe('every example in the manifest', () => {
  it('runs in a story order on an empty server, and gives the output it shows', async () => {
    const order = [
      'buckets.create',
      'buckets.list',
      'objects.list',
      'objects.put',
      'objects.get',
      'objects.head',
      'objects.copy',
      'objects.presignedUrl',
      'objects.delete',
    ];
    await runExamples(order);
    for (const trigger of connector.manifest.triggers) {
      for (const example of trigger.examples) {
        expect(await connector.poll(trigger.key, example.input, { auth })).toMatchObject({
          status: 'completed',
          items: [],
        });
      }
    }
  });
});

describe('objects', () => {
  it('puts text and binary content with its type and metadata, and reads both back', async () => {
    const name = await bucket('content-roundtrip');
    const put = await run('objects.put', {
      bucket: name,
      key: 'docs/hello world.txt',
      content: 'Grüße, S3',
      encoding: 'text',
      metadata: { owner: 'ada' },
      cacheControl: 'max-age=60',
      contentDisposition: 'attachment; filename="hello.txt"',
    });
    expect(put).toEqual({
      bucket: name,
      key: 'docs/hello world.txt',
      size: 11,
      etag: 'c369efbbcdd8b5c085b84df8d286a16b',
    });
    const text = await stored(name, 'docs/hello world.txt');
    expect(text.bytes.toString('utf8')).toBe('Grüße, S3');
    expect(text.object).toMatchObject({
      ContentType: 'text/plain; charset=utf-8',
      Metadata: { owner: 'ada' },
      CacheControl: 'max-age=60',
      ContentDisposition: 'attachment; filename="hello.txt"',
    });
    expect(put.etag).toBe(String(text.object.ETag).replaceAll('"', ''));

    const binary = Buffer.from([0, 255, 1, 254, 128]);
    await run('objects.put', {
      bucket: name,
      key: 'bin/blob.dat',
      content: binary.toString('base64'),
      encoding: 'base64',
    });
    expect((await stored(name, 'bin/blob.dat')).bytes).toEqual(binary);
    expect((await stored(name, 'bin/blob.dat')).object.ContentType).toBe('application/octet-stream');

    const got = await run('objects.get', { bucket: name, key: 'docs/hello world.txt' });
    expect(got).toMatchObject({
      bucket: name,
      key: 'docs/hello world.txt',
      size: 11,
      contentType: 'text/plain; charset=utf-8',
      etag: put.etag,
      metadata: { owner: 'ada' },
      cacheControl: 'max-age=60',
      content: 'Grüße, S3',
      encoding: 'text',
    });
    expect(Date.parse(String(got.lastModified))).toBeGreaterThan(Date.now() - 60_000);
    expect(await run('objects.get', { bucket: name, key: 'bin/blob.dat', encoding: 'base64' })).toMatchObject({
      content: binary.toString('base64'),
      size: 5,
    });
    const head = await run('objects.head', { bucket: name, key: 'bin/blob.dat' });
    expect(head).toMatchObject({ size: 5, contentType: 'application/octet-stream', metadata: {} });
    expect(head).not.toHaveProperty('content');
  });

  it('refuses binary content as text, an object over maxBytes, and malformed base64', async () => {
    const name = await bucket('content-limits');
    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'big.bin', Body: Buffer.alloc(2048, 0xff) }));
    const binary = await fail('objects.get', { bucket: name, key: 'big.bin', maxBytes: 4096 });
    expect(binary).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(binary.error?.message).toMatch(/not UTF-8/);
    const big = await fail('objects.get', { bucket: name, key: 'big.bin', maxBytes: 1024, encoding: 'base64' });
    expect(big).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(big.error?.message).toMatch(/2048 bytes, over the download cap of 1024/);
    const malformed = await fail('objects.put', { bucket: name, key: 'x', content: 'not base64!', encoding: 'base64' });
    expect(malformed).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('lists in pages with a limit, a prefix and a delimiter', async () => {
    const name = await bucket('listing');
    const keys = ['a/1.txt', 'a/2.txt', 'a/3.txt', 'b/1.txt', 'b/deep/2.txt', 'top.txt'];
    for (const key of keys) await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: key, Body: key }));

    const first = await run('objects.list', { bucket: name, limit: 4 });
    expect((first.objects as { key: string }[]).map((o) => o.key)).toEqual(keys.slice(0, 4));
    expect(first).toMatchObject({ isTruncated: true, commonPrefixes: [] });
    expect(first.nextContinuationToken).toEqual(expect.any(String));
    expect((first.objects as Record<string, unknown>[])[0]).toEqual({
      key: 'a/1.txt',
      size: 7,
      etag: expect.stringMatching(/^[0-9a-f]{32}$/),
      lastModified: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      storageClass: 'STANDARD',
    });
    const rest = await run('objects.list', { bucket: name, limit: 4, continuationToken: first.nextContinuationToken });
    expect((rest.objects as { key: string }[]).map((o) => o.key)).toEqual(keys.slice(4));
    expect(rest).toMatchObject({ isTruncated: false });
    expect(rest).not.toHaveProperty('nextContinuationToken');

    const folders = await run('objects.list', { bucket: name, delimiter: '/' });
    expect(folders).toMatchObject({ commonPrefixes: ['a/', 'b/'], isTruncated: false });
    expect((folders.objects as { key: string }[]).map((o) => o.key)).toEqual(['top.txt']);
    const inB = await run('objects.list', { bucket: name, prefix: 'b/', delimiter: '/' });
    expect(inB).toMatchObject({ commonPrefixes: ['b/deep/'] });
    expect((inB.objects as { key: string }[]).map((o) => o.key)).toEqual(['b/1.txt']);
    const after = await run('objects.list', { bucket: name, startAfter: 'b/deep/2.txt' });
    expect((after.objects as { key: string }[]).map((o) => o.key)).toEqual(['top.txt']);
  });

  it('copies within and across buckets, keeping or replacing metadata', async () => {
    const from = await bucket('copy-from');
    const to = await bucket('copy-to');
    await s3.direct.send(
      new PutObjectCommand({
        Bucket: from,
        Key: 'in/ä b.json',
        Body: '{"a":1}',
        ContentType: 'application/json',
        Metadata: { stage: 'raw' },
      }),
    );
    const kept = await run('objects.copy', {
      sourceBucket: from,
      sourceKey: 'in/ä b.json',
      bucket: to,
      key: 'out/c.json',
    });
    expect(kept).toMatchObject({ bucket: to, key: 'out/c.json', etag: expect.stringMatching(/^[0-9a-f]{32}$/) });
    const copy = await stored(to, 'out/c.json');
    expect(copy.bytes.toString()).toBe('{"a":1}');
    expect(copy.object).toMatchObject({ ContentType: 'application/json', Metadata: { stage: 'raw' } });

    await run('objects.copy', {
      sourceBucket: from,
      sourceKey: 'in/ä b.json',
      bucket: from,
      key: 'in/replaced.json',
      metadata: { stage: 'clean' },
    });
    const replaced = await s3.direct.send(new HeadObjectCommand({ Bucket: from, Key: 'in/replaced.json' }));
    expect(replaced).toMatchObject({ ContentType: 'application/json', Metadata: { stage: 'clean' } });
  });

  it('deletes an object, and answers the same for a key that was not there', async () => {
    const name = await bucket('deleting');
    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'gone.txt', Body: 'x' }));
    expect(await run('objects.delete', { bucket: name, key: 'gone.txt' })).toEqual({
      bucket: name,
      key: 'gone.txt',
      deleteMarker: false,
    });
    const listed = await s3.direct.send(new ListObjectsV2Command({ Bucket: name }));
    expect(listed.Contents ?? []).toEqual([]);
    expect(await run('objects.delete', { bucket: name, key: 'gone.txt' })).toMatchObject({ deleteMarker: false });
  });
});

describe('presigned URLs', () => {
  it('downloads and uploads with plain fetch, and the signature covers the content type', async () => {
    const name = await bucket('presigned');
    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'r/report.csv', Body: 'a,b\n1,2\n' }));
    const before = Date.now();
    const get = await run('objects.presignedUrl', {
      bucket: name,
      key: 'r/report.csv',
      expiresIn: 600,
      responseContentDisposition: 'attachment; filename="report.csv"',
    });
    expect(get).toMatchObject({ method: 'GET', headers: {} });
    const url = new URL(String(get.url));
    expect(url.origin).toBe(s3.url);
    expect(url.pathname).toBe(`/${name}/r/report.csv`);
    expect(url.searchParams.get('X-Amz-Algorithm')).toBe('AWS4-HMAC-SHA256');
    expect(url.searchParams.get('X-Amz-Credential')).toMatch(/^S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request$/);
    expect(url.searchParams.get('X-Amz-Expires')).toBe('600');
    expect([...url.searchParams.keys()].filter((k) => /checksum/i.test(k))).toEqual([]);
    expect(Date.parse(String(get.expiresAt)) - before).toBeGreaterThanOrEqual(599_000);
    const downloaded = await fetch(url);
    expect(downloaded.status).toBe(200);
    expect(await downloaded.text()).toBe('a,b\n1,2\n');
    expect(downloaded.headers.get('content-disposition')).toBe('attachment; filename="report.csv"');
    // s3rver checks the access key but not V4 signatures: the test checks the signature itself.
    expect(presignedSignatureOk(url, 'GET', S3RVER_KEY.secretAccessKey)).toBe(true);
    url.searchParams.set('X-Amz-Expires', '601');
    expect(presignedSignatureOk(url, 'GET', S3RVER_KEY.secretAccessKey)).toBe(false);

    const put = await run('objects.presignedUrl', {
      bucket: name,
      key: 'uploads/new.csv',
      method: 'PUT',
      expiresIn: 60,
      contentType: 'text/csv',
    });
    expect(put).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv' } });
    expect(
      presignedSignatureOk(new URL(String(put.url)), 'PUT', S3RVER_KEY.secretAccessKey, { 'content-type': 'text/csv' }),
    ).toBe(true);
    const uploaded = await fetch(String(put.url), {
      method: 'PUT',
      body: 'x,y\n',
      headers: put.headers as Record<string, string>,
    });
    expect(uploaded.status).toBe(200);
    const object = await stored(name, 'uploads/new.csv');
    expect(object.bytes.toString()).toBe('x,y\n');
    expect(object.object.ContentType).toBe('text/csv');
  });
});

describe('buckets', () => {
  it('creates and lists buckets, with a prefix', async () => {
    expect(await run('buckets.create', { bucket: 'made-by-mova' })).toMatchObject({ bucket: 'made-by-mova' });
    const all = await run('buckets.list', {});
    expect((all.buckets as { name: string }[]).map((b) => b.name)).toContain('made-by-mova');
    const some = await run('buckets.list', { prefix: 'made-' });
    expect(some.buckets).toEqual([{ name: 'made-by-mova', creationDate: expect.stringMatching(/^\d{4}-/) }]);
  });
});

describe('failures', () => {
  it('maps missing keys and buckets, a wrong secret and an existing bucket', async () => {
    const name = await bucket('failures');
    const missing = await fail('objects.get', { bucket: name, key: 'nope.txt' });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(await fail('objects.head', { bucket: name, key: 'nope.txt' })).toMatchObject({
      error: { kind: 'not_found', status: 404 },
    });
    const noBucket = await fail('objects.list', { bucket: 'no-such-bucket' });
    expect(noBucket).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
    expect(noBucket.error?.message).toMatch(/Amazon S3 answered 404 NoSuchBucket/);

    // s3rver knows one access key (it does not recompute V4 signatures).
    const wrong = await fail('buckets.list', {}, { ...auth, accessKeyId: 'AKIAUNKNOWNKEY000001' });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(wrong.error?.message).toMatch(/InvalidAccessKeyId/);

    const taken = await fail('buckets.create', { bucket: name });
    expect(taken).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 409 } });
  });

  it('maps SlowDown with Retry-After to a rate limit, and refuses plain http off loopback', async () => {
    const busy = await startReferenceServer();
    try {
      // Path-style ListObjectsV2 is GET /<bucket>/?list-type=2.
      busy.route('GET', '/:bucket/', () => ({
        status: 503,
        headers: { 'content-type': 'application/xml', 'retry-after': '3' },
        body: '<?xml version="1.0" encoding="UTF-8"?><Error><Code>SlowDown</Code><Message>Please reduce your request rate.</Message><RequestId>4442587FB7D0A2F9</RequestId></Error>',
      }));
      const slow = await fail('objects.list', { bucket: 'hot' }, { ...auth, endpoint: busy.url });
      expect(busy.unmatched.map((r) => `${r.method} ${r.path}`)).toEqual([]);
      expect(slow).toMatchObject({ status: 'failed', error: { kind: 'rate_limit', status: 503, retryAfter: 3 } });
      expect(busy.requests[0]?.headers.authorization).toMatch(
        /^AWS4-HMAC-SHA256 Credential=S3RVER\/\d{8}\/us-east-1\/s3\/aws4_request/,
      );
    } finally {
      await busy.close();
    }
    // Keys never travel in clear: plain http only to loopback; the connection is refused before any request.
    await expect(fail('buckets.list', {}, { ...auth, endpoint: 'http://minio.internal:9000' })).rejects.toThrow(
      /endpoint must match pattern/,
    );
  });
});

describe('assumed role', () => {
  let sts: StsReference;
  beforeAll(async () => {
    sts = await startSts({
      callerKeyId: 'AKIAMOVATESTCALLER01',
      region: 'eu-west-1',
      issued: { ...S3RVER_KEY, sessionToken: 'FwoGZXIvYXdzEXAMPLETOKEN' },
    });
  });
  afterAll(() => sts?.close());

  it('signs S3 requests with the credentials STS AssumeRole hands out', async () => {
    const roleAuth = {
      accessKeyId: 'AKIAMOVATESTCALLER01',
      secretAccessKey: 'caller-secret',
      region: 'eu-west-1',
      endpoint: s3.url,
      stsEndpoint: sts.url,
      roleArn: 'arn:aws:iam::123456789012:role/mova-automation',
      externalId: 'tenant-42',
    };
    const name = await bucket('assumed');
    await run('objects.put', { bucket: name, key: 'by-role.txt', content: 'hi' }, roleAuth);
    expect((await stored(name, 'by-role.txt')).bytes.toString()).toBe('hi');
    expect(sts.assumed).toEqual([
      expect.objectContaining({
        Action: 'AssumeRole',
        RoleArn: 'arn:aws:iam::123456789012:role/mova-automation',
        ExternalId: 'tenant-42',
        RoleSessionName: 'mova-aws-s3',
      }),
    ]);
    const denied = await fail('buckets.list', {}, { ...roleAuth, accessKeyId: 'AKIASOMEONEELSE00001' });
    expect(denied).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
    expect(denied.error?.message).toMatch(/InvalidClientTokenId/);
  });
});

describe('new objects trigger', () => {
  it('emits each new or rewritten object once, filtered by prefix and suffix', async () => {
    const name = await bucket('incoming');
    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'in/old.csv', Body: 'old' }));
    const input = { bucket: name, prefix: 'in/', suffix: '.csv' };
    const first = await connector.poll('objects.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });

    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'in/new.csv', Body: 'new' }));
    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'in/skip.txt', Body: 'txt' }));
    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'other/x.csv', Body: 'elsewhere' }));
    const second = await connector.poll('objects.new', input, { auth, state: first.state });
    expect(second.items).toEqual([
      {
        id: 'in/new.csv@22af645d1859cb5ca6da0c484f1f37ea',
        bucket: name,
        key: 'in/new.csv',
        size: 3,
        etag: '22af645d1859cb5ca6da0c484f1f37ea',
        lastModified: expect.stringMatching(/^\d{4}-/),
        storageClass: 'STANDARD',
      },
    ]);
    const third = await connector.poll('objects.new', input, { auth, state: second.state });
    expect(third.items).toEqual([]);

    await s3.direct.send(new PutObjectCommand({ Bucket: name, Key: 'in/old.csv', Body: 'rewritten' }));
    const fourth = await connector.poll('objects.new', input, { auth, state: third.state });
    expect((fourth.items as { key: string }[]).map((item) => item.key)).toEqual(['in/old.csv']);
  });
});
