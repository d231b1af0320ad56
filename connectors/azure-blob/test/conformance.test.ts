import { randomUUID } from 'node:crypto';
import { BlobServiceClient, type ContainerClient } from '@azure/storage-blob';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { type Azurite, startAzurite } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

// Every action through the sandbox users run it in, against Microsoft's Azurite emulator on
// loopback. The connection names Azurite the way users name a sovereign cloud, private endpoint
// or emulator: accountUrl, which the manifest lists in network.connectionHosts (no allowHosts).
// What the connector reports is checked against what Azurite holds, read with @azure/storage-blob.

let azurite: Azurite;
/** A second Azurite that checks x-ms-version, as Azurite does by default. */
let strictAzurite: Azurite;
let connector: ConnectorUnderTest;
let auth: Record<string, unknown>;
let service: BlobServiceClient;
let container: ContainerClient;

const run = (action: string, input: unknown, connection = auth) => connector.run(action, input, { auth: connection });
const unique = (label: string) => `mova-${label}-${randomUUID().slice(0, 8)}`;

beforeAll(async () => {
  [azurite, strictAzurite, connector] = await Promise.all([
    startAzurite({ service: 'blob', from: import.meta.url, extentMemoryLimit: 64 }),
    startAzurite({ service: 'blob', from: import.meta.url, extentMemoryLimit: 64, checkApiVersion: true }),
    loadConnector({ dir: new URL('..', import.meta.url) }),
  ]);
  auth = { method: 'connectionString', connectionString: azurite.connectionString, accountUrl: azurite.endpoint };
  service = BlobServiceClient.fromConnectionString(azurite.connectionString);
  container = service.getContainerClient(unique('files'));
  await container.create();
}, 60_000);

afterAll(async () => {
  await connector?.close();
  await Promise.all([azurite?.stop(), strictAzurite?.stop()]);
});

describe('containers.list through the sandbox', () => {
  it("pages through the account's containers by prefix", async () => {
    const prefix = unique('list');
    const names = [`${prefix}-a`, `${prefix}-b`];
    await Promise.all(names.map((name) => service.getContainerClient(name).create()));

    const first = await run('containers.list', { prefix, limit: 1 });
    expect(first).toMatchObject({ status: 'completed', isolation: 'worker' });
    const page = first.output as { containers: { name: string; etag: string }[]; continuationToken?: string };
    const held = await service.getContainerClient(names[0] ?? '').getProperties();
    expect(page.containers).toEqual([
      { name: names[0], etag: held.etag, lastModified: held.lastModified?.toISOString() },
    ]);
    expect(page.continuationToken).toEqual(expect.any(String));

    const second = await run('containers.list', { prefix, limit: 1, continuationToken: page.continuationToken });
    expect(second.output).toEqual({ containers: [expect.objectContaining({ name: names[1] })] });
  });
});

describe('blobs.upload through the sandbox', () => {
  it('stores text with its content type and reports where it went', async () => {
    const text = 'orders,city\n42,Zürich\n';
    const result = await run('blobs.upload', {
      container: container.containerName,
      name: 'daily/2025-03-04.csv',
      content: text,
      contentType: 'text/csv',
    });

    expect(result.status).toBe('completed');
    const held = container.getBlobClient('daily/2025-03-04.csv');
    const properties = await held.getProperties();
    expect((await held.downloadToBuffer()).toString('utf8')).toBe(text);
    expect(properties.contentType).toBe('text/csv');
    expect(result.output).toEqual({
      container: container.containerName,
      name: 'daily/2025-03-04.csv',
      url: `${azurite.endpoint}/${container.containerName}/daily/2025-03-04.csv`,
      size: Buffer.byteLength(text),
      etag: properties.etag,
      lastModified: properties.lastModified?.toISOString(),
    });
  });

  it('decodes base64 to bytes and defaults the type to octet-stream', async () => {
    const bytes = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0x00, 0xff]);
    const result = await run('blobs.upload', {
      container: container.containerName,
      name: 'logo.png',
      content: bytes.toString('base64'),
      encoding: 'base64',
    });

    expect(result).toMatchObject({ status: 'completed', output: { size: bytes.length } });
    const held = container.getBlobClient('logo.png');
    expect((await held.downloadToBuffer()).equals(bytes)).toBe(true);
    expect((await held.getProperties()).contentType).toBe('application/octet-stream');
  });

  it('refuses to replace an existing blob when overwrite is false', async () => {
    await container.getBlockBlobClient('keep.txt').upload('original', 8);

    const result = await run('blobs.upload', {
      container: container.containerName,
      name: 'keep.txt',
      content: 'replacement',
      overwrite: false,
    });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', status: 409, hint: expect.stringContaining('overwrite') },
    });
    expect((await container.getBlobClient('keep.txt').downloadToBuffer()).toString()).toBe('original');
  });

  it('reports a container name Azure refuses as invalid input', async () => {
    const result = await run('blobs.upload', { container: 'Not_A_Container', name: 'x.txt', content: 'x' });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', status: 400, message: expect.stringContaining('InvalidResourceName') },
    });
  });
});

describe('blobs.list through the sandbox', () => {
  it('lists the blobs under a prefix a page at a time', async () => {
    const names = ['2025/03/a.pdf', '2025/03/b.pdf', '2025/04/c.pdf'];
    await Promise.all(names.map((name) => container.getBlockBlobClient(name).upload('%PDF', 4)));

    const first = await run('blobs.list', { container: container.containerName, prefix: '2025/03/', limit: 1 });
    const page = first.output as { blobs: { name: string }[]; continuationToken?: string };
    const held = await container.getBlobClient('2025/03/a.pdf').getProperties();
    expect(page.blobs).toEqual([
      {
        name: '2025/03/a.pdf',
        size: 4,
        contentType: 'application/octet-stream',
        lastModified: held.lastModified?.toISOString(),
        etag: held.etag,
      },
    ]);

    const second = await run('blobs.list', {
      container: container.containerName,
      prefix: '2025/03/',
      limit: 1,
      continuationToken: page.continuationToken,
    });
    expect(second.output).toEqual({ blobs: [expect.objectContaining({ name: '2025/03/b.pdf' })] });
  });

  it('reports a missing container as not found', async () => {
    const result = await run('blobs.list', { container: unique('missing') });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found', status: 404, message: expect.stringContaining('ContainerNotFound') },
    });
  });
});

describe('blobs.download through the sandbox', () => {
  it('reads text and base64 with the properties Azure holds', async () => {
    const blob = container.getBlockBlobClient('report.json');
    await blob.upload('{"orders":42}', 13, { blobHTTPHeaders: { blobContentType: 'application/json' } });
    const held = await blob.getProperties();

    const text = await run('blobs.download', { container: container.containerName, name: 'report.json' });
    expect(text.output).toEqual({
      container: container.containerName,
      name: 'report.json',
      content: '{"orders":42}',
      encoding: 'text',
      size: 13,
      contentType: 'application/json',
      etag: held.etag,
      lastModified: held.lastModified?.toISOString(),
    });

    const base64 = await run('blobs.download', {
      container: container.containerName,
      name: 'report.json',
      encoding: 'base64',
    });
    expect(base64.output).toMatchObject({ content: Buffer.from('{"orders":42}').toString('base64') });
  });

  it('refuses a blob over maxBytes before reading it', async () => {
    await container.getBlockBlobClient('big.bin').upload(Buffer.alloc(2048), 2048);

    const result = await run('blobs.download', { container: container.containerName, name: 'big.bin', maxBytes: 1024 });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'invalid_input', hint: expect.stringContaining('blobs.sasUrl') },
    });
  });

  it('reports a missing blob as not found', async () => {
    const result = await run('blobs.download', { container: container.containerName, name: 'nothing-here.txt' });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });
});

describe('blobs.delete through the sandbox', () => {
  it('deletes a blob', async () => {
    await container.getBlockBlobClient('old.txt').upload('old', 3);

    const result = await run('blobs.delete', { container: container.containerName, name: 'old.txt' });

    expect(result.output).toEqual({ container: container.containerName, name: 'old.txt', deleted: 'blob' });
    expect(await container.getBlobClient('old.txt').exists()).toBe(false);
  });

  it('keeps a blob with snapshots unless told to include them', async () => {
    const blob = container.getBlockBlobClient('versioned.txt');
    await blob.upload('v1', 2);
    await blob.createSnapshot();

    const refused = await run('blobs.delete', { container: container.containerName, name: 'versioned.txt' });
    expect(refused).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict', hint: expect.stringContaining('snapshots') },
    });
    expect(await blob.exists()).toBe(true);

    const result = await run('blobs.delete', {
      container: container.containerName,
      name: 'versioned.txt',
      snapshots: 'include',
    });
    expect(result.output).toMatchObject({ deleted: 'blobAndSnapshots' });
    expect(await blob.exists()).toBe(false);
  });

  it('reports a missing blob as not found', async () => {
    const result = await run('blobs.delete', { container: container.containerName, name: 'never-was.txt' });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'not_found', status: 404 } });
  });
});

describe('blobs.sasUrl through the sandbox', () => {
  it('signs a read link that Azurite honours, and only for reading', async () => {
    await container.getBlockBlobClient('shared.txt').upload('for your eyes', 13);

    const result = await run('blobs.sasUrl', {
      container: container.containerName,
      name: 'shared.txt',
      permissions: ['read'],
      expiresInMinutes: 5,
    });

    expect(result).toMatchObject({ status: 'completed', output: { permissions: 'r', signedWith: 'accountKey' } });
    const { url, expiresOn } = result.output as { url: string; expiresOn: string };
    const signed = new URL(url);
    expect(`${signed.origin}${signed.pathname}`).toBe(`${azurite.endpoint}/${container.containerName}/shared.txt`);
    // Azurite serves plain HTTP, so the link allows HTTP as well; Azure endpoints get HTTPS-only links.
    expect(Object.fromEntries(signed.searchParams)).toMatchObject({
      sv: '2025-07-05',
      spr: 'https,http',
      sr: 'b',
      sp: 'r',
      se: expiresOn.replace('.000Z', 'Z'),
    });

    const read = await fetch(url);
    expect(read.status).toBe(200);
    expect(await read.text()).toBe('for your eyes');

    const write = await fetch(url, { method: 'PUT', headers: { 'x-ms-blob-type': 'BlockBlob' }, body: 'changed' });
    expect(write.status).toBe(403);

    signed.searchParams.set('sp', 'rw');
    expect((await fetch(signed)).status).toBe(403);
  });

  it('signs a write link that uploads through Azurite', async () => {
    const result = await run('blobs.sasUrl', {
      container: container.containerName,
      name: 'inbox/upload.txt',
      permissions: ['write'],
    });

    const { url } = result.output as { url: string };
    const put = await fetch(url, {
      method: 'PUT',
      headers: { 'x-ms-blob-type': 'BlockBlob', 'content-type': 'text/plain' },
      body: 'uploaded with a SAS',
    });
    expect(put.status).toBe(201);
    const held = container.getBlobClient('inbox/upload.txt');
    expect((await held.downloadToBuffer()).toString()).toBe('uploaded with a SAS');
  });
});

describe('connection failures through the sandbox', () => {
  it('reports a wrong account key as an auth error', async () => {
    const wrongKey = Buffer.alloc(64, 7).toString('base64');
    const connectionString = azurite.connectionString.replace(/AccountKey=[^;]+/, `AccountKey=${wrongKey}`);

    const result = await run('containers.list', {}, { ...auth, connectionString });

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'auth', status: 403 } });
  });

  it('says to name an endpoint outside Azure in accountUrl instead of trying it', async () => {
    const { accountUrl: _, ...unnamed } = auth;

    const result = await run('containers.list', {}, unnamed);

    expect(result).toMatchObject({
      status: 'failed',
      error: {
        kind: 'auth',
        hint: `Set accountUrl to ${azurite.endpoint} on the connection: workflows may only connect to hosts their connection names.`,
      },
    });
  });

  it('refuses an accountUrl that names another endpoint than the connection string', async () => {
    const result = await run('containers.list', {}, { ...auth, accountUrl: strictAzurite.endpoint });

    expect(result).toMatchObject({
      status: 'failed',
      error: { kind: 'auth', message: expect.stringContaining('differs from accountUrl') },
    });
  });
});

// Regression: Azurite without --skipApiVersionCheck answers 400 InvalidHeaderValue to an
// x-ms-version it does not know, which the connector used to report as the user's invalid input.
describe('a service that refuses the API version', () => {
  const strict = () => ({
    method: 'connectionString',
    connectionString: strictAzurite.connectionString,
    accountUrl: strictAzurite.endpoint,
  });

  it('is reported as the service lacking that version, with the fix in the hint', async () => {
    const result = await run('containers.list', {}, strict());

    expect(result).toMatchObject({
      status: 'failed',
      error: {
        kind: 'unknown',
        status: 400,
        message: expect.stringMatching(/does not support Blob API version \d{4}-\d\d-\d\d/),
        hint: expect.stringContaining('Azurite, install its latest release'),
      },
    });
    expect(result.error?.message).toContain(new URL(strictAzurite.endpoint).origin);
  });

  it('is recognised on a HEAD request too, whose answer has no body', async () => {
    // blobs.download starts with Get Blob Properties (HEAD).
    const result = await run('blobs.download', { container: 'reports', name: 'any.txt' }, strict());

    expect(result).toMatchObject({ status: 'failed', error: { kind: 'unknown', status: 400 } });
  });
});
