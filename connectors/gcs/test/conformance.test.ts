import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { testServiceAccount } from '@mova/sdk/testing';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { crc32c, type GcsServer, startGcsServer } from './gcs-server.js';

// Every action through the sandbox users run it in, against a loopback server answering Cloud
// Storage's JSON and XML APIs and Google's token endpoint (./gcs-server.ts names the pages). The
// connection names it the way users name a regional or Private Service Connect endpoint:
// apiEndpoint and tokenUri, which the manifest lists in network.connectionHosts (no allowHosts).
// Every connection here sets both, so nothing is ever sent to Google's own hosts.

const PROJECT = 'mova-conformance';
const account = testServiceAccount({ projectId: PROJECT });

let server: GcsServer;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;
const bucket = 'acme-reports';

const run = (action: string, input: unknown, connection = auth) => connector.run(action, input, { auth: connection });

beforeAll(async () => {
  server = await startGcsServer({ project: PROJECT, clientEmail: account.clientEmail, publicKey: account.publicKey });
  connector = await loadConnector({ dir: new URL('..', import.meta.url) });
  auth = { serviceAccountKey: account.keyFile(), apiEndpoint: server.origin, tokenUri: server.tokenUri };
  server.addBucket(bucket);
});

afterEach(() => {
  expect(server.unexpected).toEqual([]);
});

afterAll(async () => {
  await connector?.close();
  await server?.close();
});

describe('buckets.list through the sandbox', () => {
  it("pages through the project's buckets by prefix", async () => {
    server.addBucket('acme-invoices', { location: 'EUROPE-WEST3', storageClass: 'NEARLINE' });
    server.addBucket('zeta-archive');

    const first = await run('buckets.list', { prefix: 'acme-', limit: 1 });
    expect(first).toMatchObject({ status: 'completed', isolation: 'worker' });
    const page = first.output as { buckets: unknown[]; nextPageToken?: string };
    expect(page.buckets).toEqual([
      { name: 'acme-invoices', location: 'EUROPE-WEST3', storageClass: 'NEARLINE', created: expect.any(String) },
    ]);
    expect(page.nextPageToken).toEqual(expect.any(String));

    const second = await run('buckets.list', { prefix: 'acme-', limit: 1, pageToken: page.nextPageToken });
    expect(second.output).toEqual({ buckets: [expect.objectContaining({ name: 'acme-reports' })] });
  });

  it('reports a project the service account may not list as an auth error', async () => {
    const result = await run('buckets.list', {}, { ...auth, projectId: 'someone-elses-project' });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 403, hint: expect.stringContaining('Storage Admin') },
    });
  });
});

describe('objects.upload through the sandbox', () => {
  it('stores text with its content type and reports what Cloud Storage holds', async () => {
    const text = 'orders,city\n42,Zürich\n';
    const result = await run('objects.upload', {
      bucket,
      name: 'daily/2025-03-04.csv',
      content: text,
      contentType: 'text/csv',
    });

    expect(result.status).toBe('completed');
    const held = server.getObject(bucket, 'daily/2025-03-04.csv');
    expect(held?.data.toString('utf8')).toBe(text);
    expect(held?.contentType).toBe('text/csv');
    expect(result.output).toEqual({
      bucket,
      name: 'daily/2025-03-04.csv',
      size: Buffer.byteLength(text),
      contentType: 'text/csv',
      generation: held?.generation,
      updated: held?.created.toISOString(),
      md5Hash: expect.any(String),
      crc32c: crc32c(Buffer.from(text)),
    });
  });

  it('decodes base64 to bytes and defaults the type to octet-stream', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);

    const result = await run('objects.upload', {
      bucket,
      name: 'logo.png',
      content: bytes.toString('base64'),
      encoding: 'base64',
    });

    expect(result).toMatchObject({
      status: 'completed',
      output: { size: bytes.length, contentType: 'application/octet-stream' },
    });
    expect(server.getObject(bucket, 'logo.png')?.data.equals(bytes)).toBe(true);
  });

  it('only creates with ifGenerationMatch "0", reporting an existing object as a conflict', async () => {
    server.putObject(bucket, 'keep.txt', 'original', 'text/plain');

    const result = await run('objects.upload', {
      bucket,
      name: 'keep.txt',
      content: 'replacement',
      ifGenerationMatch: '0',
    });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 412 } });
    expect(server.getObject(bucket, 'keep.txt')?.data.toString()).toBe('original');
  });

  it('reports a missing bucket as not found', async () => {
    const result = await run('objects.upload', { bucket: 'no-such-bucket', name: 'a.txt', content: 'a' });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });
});

describe('objects.list through the sandbox', () => {
  it('lists one folder level with its subfolders, a page at a time', async () => {
    for (const name of ['2025/03/a.pdf', '2025/03/b.pdf', '2025/03/archive/old.pdf', '2025/04/c.pdf']) {
      server.putObject(bucket, name, '%PDF', 'application/pdf');
    }

    const first = await run('objects.list', { bucket, prefix: '2025/03/', delimiter: '/', limit: 2 });
    const page = first.output as { objects: unknown[]; prefixes: string[]; nextPageToken?: string };
    const a = server.getObject(bucket, '2025/03/a.pdf');
    expect(page.objects).toEqual([
      {
        bucket,
        name: '2025/03/a.pdf',
        size: 4,
        contentType: 'application/pdf',
        generation: a?.generation,
        updated: a?.created.toISOString(),
        md5Hash: expect.any(String),
        crc32c: crc32c(Buffer.from('%PDF')),
      },
    ]);
    expect(page.prefixes).toEqual(['2025/03/archive/']);

    const second = await run('objects.list', {
      bucket,
      prefix: '2025/03/',
      delimiter: '/',
      limit: 2,
      pageToken: page.nextPageToken,
    });
    expect(second.output).toEqual({ objects: [expect.objectContaining({ name: '2025/03/b.pdf' })], prefixes: [] });
  });

  it('reports a missing bucket as not found', async () => {
    const result = await run('objects.list', { bucket: 'no-such-bucket' });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });
});

describe('objects.download through the sandbox', () => {
  it('reads text and base64, with the checksums the library verifies', async () => {
    const held = server.putObject(bucket, 'report.json', '{"orders":42}', 'application/json');

    const text = await run('objects.download', { bucket, name: 'report.json' });
    expect(text.output).toEqual({
      bucket,
      name: 'report.json',
      size: 13,
      contentType: 'application/json',
      generation: held.generation,
      updated: held.created.toISOString(),
      md5Hash: expect.any(String),
      crc32c: crc32c(held.data),
      content: '{"orders":42}',
      encoding: 'text',
    });

    const base64 = await run('objects.download', { bucket, name: 'report.json', encoding: 'base64' });
    expect(base64.output).toMatchObject({ content: held.data.toString('base64'), encoding: 'base64' });
  });

  it('refuses an object over maxBytes before reading it', async () => {
    server.putObject(bucket, 'big.bin', Buffer.alloc(2048));

    const result = await run('objects.download', { bucket, name: 'big.bin', maxBytes: 1024 });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', hint: expect.stringContaining('objects.signedUrl') },
    });
  });

  it('reports a missing object as not found', async () => {
    const result = await run('objects.download', { bucket, name: 'nothing-here.txt' });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('No such object') },
    });
  });
});

describe('objects.delete through the sandbox', () => {
  it('deletes the live object, or one generation of it', async () => {
    server.putObject(bucket, 'old.txt', 'old');
    const result = await run('objects.delete', { bucket, name: 'old.txt' });
    expect(result.output).toEqual({ bucket, name: 'old.txt' });
    expect(server.getObject(bucket, 'old.txt')).toBeUndefined();

    const versioned = server.putObject(bucket, 'versioned.txt', 'v1');
    const byGeneration = await run('objects.delete', {
      bucket,
      name: 'versioned.txt',
      generation: versioned.generation,
    });
    expect(byGeneration.output).toEqual({ bucket, name: 'versioned.txt', generation: versioned.generation });
    expect(server.getObject(bucket, 'versioned.txt')).toBeUndefined();
  });

  it('keeps an object whose generation does not match', async () => {
    const held = server.putObject(bucket, 'guarded.txt', 'v1');

    const result = await run('objects.delete', { bucket, name: 'guarded.txt', ifGenerationMatch: '1' });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'conflict', status: 412 } });
    expect(server.getObject(bucket, 'guarded.txt')).toBe(held);
  });

  it('reports a missing object as not found', async () => {
    const result = await run('objects.delete', { bucket, name: 'never-was.txt' });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });
});

describe('objects.signedUrl through the sandbox', () => {
  it('signs a read URL the server verifies, and no other request', async () => {
    server.putObject(bucket, 'shared/report.txt', 'for your eyes', 'text/plain');

    const result = await run('objects.signedUrl', { bucket, name: 'shared/report.txt', expiresInMinutes: 5 });

    expect(result).toMatchObject({ status: 'completed', output: { method: 'GET', headers: {} } });
    const { url, expiresAt } = result.output as { url: string; expiresAt: string };
    const signed = new URL(url);
    expect(`${signed.origin}${signed.pathname}`).toBe(`${server.origin}/${bucket}/shared/report.txt`);
    expect(Object.fromEntries(signed.searchParams)).toMatchObject({
      'X-Goog-Algorithm': 'GOOG4-RSA-SHA256',
      'X-Goog-Credential': expect.stringMatching(
        new RegExp(`^${account.clientEmail}/\\d{8}/auto/storage/goog4_request$`),
      ),
      'X-Goog-Expires': '300',
      'X-Goog-SignedHeaders': 'host',
    });
    expect(Date.parse(expiresAt) - Date.now()).toBeGreaterThan(290_000);

    const read = await fetch(url);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('for your eyes');
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(403);

    signed.searchParams.set('X-Goog-Expires', '600');
    expect((await fetch(signed)).status).toBe(403);
  });

  it('signs a write URL bound to its content type', async () => {
    const result = await run('objects.signedUrl', {
      bucket,
      name: 'inbox/upload.csv',
      action: 'write',
      contentType: 'text/csv',
    });

    expect(result.output).toMatchObject({ method: 'PUT', headers: { 'content-type': 'text/csv' } });
    const { url } = result.output as { url: string };
    const wrongType = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/plain' }, body: 'a,b' });
    expect(wrongType.status).toBe(403);
    const put = await fetch(url, { method: 'PUT', headers: { 'content-type': 'text/csv' }, body: 'a,b\n1,2\n' });
    expect(put.status).toBe(200);
    expect(server.getObject(bucket, 'inbox/upload.csv')).toMatchObject({ contentType: 'text/csv' });
    expect(server.getObject(bucket, 'inbox/upload.csv')?.data.toString()).toBe('a,b\n1,2\n');
  });

  it('signs a delete URL', async () => {
    server.putObject(bucket, 'inbox/done.csv', 'x');

    const result = await run('objects.signedUrl', { bucket, name: 'inbox/done.csv', action: 'delete' });

    const { url } = result.output as { url: string };
    expect((await fetch(url, { method: 'DELETE' })).status).toBe(204);
    expect(server.getObject(bucket, 'inbox/done.csv')).toBeUndefined();
  });
});

describe('connection failures through the sandbox', () => {
  it('reports a key the token endpoint refuses as an auth error', async () => {
    // The same account name, another key: the token endpoint cannot verify the assertion's signature.
    const stranger = testServiceAccount({ projectId: PROJECT, clientEmail: account.clientEmail });

    const result = await run('objects.list', { bucket }, { ...auth, serviceAccountKey: stranger.keyFile() });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', status: 400, message: expect.stringContaining('invalid_grant') },
    });
  });

  it('sends the access token to a custom endpoint, which refuses requests without one', async () => {
    // The server answers 401 to a request without a token it issued; completing proves one was sent.
    const result = await run('objects.list', { bucket, prefix: 'nothing/' });

    expect(result).toMatchObject({ status: 'completed', output: { objects: [], prefixes: [] } });
    expect(server.issued.size).toBeGreaterThan(0);
  });
});
