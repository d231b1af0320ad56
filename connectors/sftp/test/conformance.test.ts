import { mkdir, mkdtemp, readFile, rm, stat, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type ConnectorUnderTest, loadConnector } from '@mova/runtime/testing';
import { freePort } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type SftpServer, startSftpServer } from './sftp-server.js';

// Every action and the trigger through the sandbox users get (worker thread, egress limited to the
// host the connection names), against a real SFTP server built with ssh2's server API on a free
// loopback port, serving a temporary folder. Each output is checked against that folder on disk.
let root: string;
let server: SftpServer;
let sftp: ConnectorUnderTest;
let auth: Record<string, unknown>;
const disk = (path: string) => join(root, path);

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mova-sftp-root-'));
  [server, sftp] = await Promise.all([startSftpServer(root), loadConnector({ dir: new URL('..', import.meta.url) })]);
  auth = { host: '127.0.0.1', port: server.port, username: server.username, password: server.password };
});

afterAll(async () => {
  await Promise.all([sftp?.close(), server?.stop()]);
  await rm(root, { recursive: true, force: true });
});

describe('upload and download', () => {
  it('uploads text and binary content, creating folders, as the server stores it', async () => {
    const text = await sftp.run(
      'files.upload',
      { path: '/inbox/2025/orders.csv', content: 'id,total\n7,42.50\n' },
      { auth },
    );
    expect(text).toMatchObject({ status: 'completed', output: { path: '/inbox/2025/orders.csv', size: 17 } });
    expect(await readFile(disk('inbox/2025/orders.csv'), 'utf8')).toBe('id,total\n7,42.50\n');
    const held = await stat(disk('inbox/2025/orders.csv'));
    expect((text.output as { modifiedAt: string }).modifiedAt).toBe(
      new Date(Math.floor(held.mtimeMs / 1000) * 1000).toISOString(),
    );

    const bytes = Buffer.from([0, 1, 2, 253, 254, 255]);
    const binary = await sftp.run(
      'files.upload',
      { path: '/inbox/blob.bin', content: bytes.toString('base64'), encoding: 'base64' },
      { auth },
    );
    expect(binary).toMatchObject({ status: 'completed', output: { size: 6 } });
    expect(await readFile(disk('inbox/blob.bin'))).toEqual(bytes);
  });

  it('refuses to replace a file when overwrite is false, and replaces it otherwise', async () => {
    await writeFile(disk('keep.txt'), 'original');
    const refused = await sftp.run('files.upload', { path: '/keep.txt', content: 'new', overwrite: false }, { auth });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'conflict', actionKey: 'files.upload' } });
    expect(await readFile(disk('keep.txt'), 'utf8')).toBe('original');
    expect(await sftp.run('files.upload', { path: '/keep.txt', content: 'new' }, { auth })).toMatchObject({
      status: 'completed',
    });
    expect(await readFile(disk('keep.txt'), 'utf8')).toBe('new');
    const noFolder = await sftp.run(
      'files.upload',
      { path: '/missing/x.txt', content: 'x', createFolders: false },
      { auth },
    );
    expect(noFolder).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('downloads text and binary files byte for byte, and refuses what it cannot return', async () => {
    await mkdir(disk('outbox'), { recursive: true });
    await writeFile(disk('outbox/report.json'), '{"orders":42}');
    const bytes = Buffer.from([0xff, 0xd8, 0xff, 0xe0, 0x00]);
    await writeFile(disk('outbox/photo.jpg'), bytes);

    const text = await sftp.run('files.download', { path: '/outbox/report.json' }, { auth });
    expect(text).toMatchObject({
      status: 'completed',
      output: { path: '/outbox/report.json', content: '{"orders":42}', encoding: 'text', size: 13 },
    });
    const binary = await sftp.run('files.download', { path: '/outbox/photo.jpg', encoding: 'base64' }, { auth });
    expect(Buffer.from((binary.output as { content: string }).content, 'base64')).toEqual(bytes);

    const notText = await sftp.run('files.download', { path: '/outbox/photo.jpg' }, { auth });
    expect(notText).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    const tooBig = await sftp.run('files.download', { path: '/outbox/report.json', maxBytes: 5 }, { auth });
    expect(tooBig).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
    expect(tooBig.error?.message).toMatch(/13 bytes, over the download cap of 5/);
    const missing = await sftp.run('files.download', { path: '/outbox/none.txt' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
    const folder = await sftp.run('files.download', { path: '/outbox' }, { auth });
    expect(folder).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });
});

describe('listing', () => {
  it('lists a folder with types, sizes, times and permissions as on disk', async () => {
    await mkdir(disk('list/sub'), { recursive: true });
    await writeFile(disk('list/b.csv'), 'b,b');
    await writeFile(disk('list/a.csv'), 'a');
    await writeFile(disk('list/notes.txt'), 'n', { mode: 0o600 });
    const all = await sftp.run('files.list', { path: '/list' }, { auth });
    expect(all.status).toBe('completed');
    const output = all.output as {
      entries: { name: string; type: string; size: number; permissions: string; modifiedAt: string }[];
      count: number;
    };
    expect(output.entries.map((e) => [e.name, e.type])).toEqual([
      ['a.csv', 'file'],
      ['b.csv', 'file'],
      ['notes.txt', 'file'],
      ['sub', 'directory'],
    ]);
    const b = await stat(disk('list/b.csv'));
    expect(output.entries[1]).toMatchObject({
      path: '/list/b.csv',
      size: 3,
      permissions: (b.mode & 0o7777).toString(8).padStart(4, '0'),
      modifiedAt: new Date(Math.floor(b.mtimeMs / 1000) * 1000).toISOString(),
    });
    expect(output.entries[2]?.permissions).toBe('0600');

    const csv = await sftp.run('files.list', { path: '/list', pattern: '*.csv', limit: 1 }, { auth });
    expect(csv).toMatchObject({ output: { entries: [{ name: 'a.csv' }], count: 1, truncated: true } });
    const folders = await sftp.run('files.list', { path: '/list', type: 'directory' }, { auth });
    expect(folders).toMatchObject({ output: { entries: [{ name: 'sub', type: 'directory' }], count: 1 } });
    const missing = await sftp.run('files.list', { path: '/no-such-folder' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('tells whether a path exists', async () => {
    await writeFile(disk('info.txt'), 'four');
    expect(await sftp.run('files.info', { path: '/info.txt' }, { auth })).toMatchObject({
      status: 'completed',
      output: { exists: true, entry: { name: 'info.txt', path: '/info.txt', type: 'file', size: 4 } },
    });
    expect(await sftp.run('files.info', { path: '/none.txt' }, { auth })).toMatchObject({
      status: 'completed',
      output: { path: '/none.txt', exists: false },
    });
  });
});

describe('move, delete and folders', () => {
  it('moves and renames, refusing an existing target unless overwrite is set', async () => {
    await mkdir(disk('move'), { recursive: true });
    await writeFile(disk('move/a.txt'), 'A');
    await writeFile(disk('move/b.txt'), 'B');
    const renamed = await sftp.run(
      'files.move',
      { from: '/move/a.txt', to: '/move/archive/2025/a.txt', createFolders: true },
      { auth },
    );
    expect(renamed).toMatchObject({ status: 'completed', output: { replaced: false } });
    expect(await readFile(disk('move/archive/2025/a.txt'), 'utf8')).toBe('A');
    await expect(stat(disk('move/a.txt'))).rejects.toThrow();

    const refused = await sftp.run('files.move', { from: '/move/b.txt', to: '/move/archive/2025/a.txt' }, { auth });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'conflict' } });
    expect(await readFile(disk('move/archive/2025/a.txt'), 'utf8')).toBe('A');
    const replaced = await sftp.run(
      'files.move',
      { from: '/move/b.txt', to: '/move/archive/2025/a.txt', overwrite: true },
      { auth },
    );
    expect(replaced).toMatchObject({ status: 'completed', output: { replaced: true } });
    expect(await readFile(disk('move/archive/2025/a.txt'), 'utf8')).toBe('B');
    const missing = await sftp.run('files.move', { from: '/move/none.txt', to: '/move/x.txt' }, { auth });
    expect(missing).toMatchObject({ status: 'failed', error: { kind: 'not_found' } });
  });

  it('deletes files, and says when there was none', async () => {
    await writeFile(disk('gone.txt'), 'x');
    expect(await sftp.run('files.delete', { path: '/gone.txt' }, { auth })).toMatchObject({
      status: 'completed',
      output: { deleted: true },
    });
    await expect(stat(disk('gone.txt'))).rejects.toThrow();
    expect(await sftp.run('files.delete', { path: '/gone.txt' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'not_found' },
    });
    expect(await sftp.run('files.delete', { path: '/gone.txt', ignoreMissing: true }, { auth })).toMatchObject({
      status: 'completed',
      output: { deleted: false },
    });
  });

  it('creates folders with their parents and deletes them', async () => {
    expect(await sftp.run('folders.create', { path: '/tree/2025/03' }, { auth })).toMatchObject({
      status: 'completed',
      output: { created: true },
    });
    expect((await stat(disk('tree/2025/03'))).isDirectory()).toBe(true);
    expect(await sftp.run('folders.create', { path: '/tree/2025/03' }, { auth })).toMatchObject({
      output: { created: false },
    });
    await writeFile(disk('tree/file.txt'), 'x');
    expect(await sftp.run('folders.create', { path: '/tree/file.txt' }, { auth })).toMatchObject({
      status: 'failed',
      error: { kind: 'conflict' },
    });

    const notEmpty = await sftp.run('folders.delete', { path: '/tree' }, { auth });
    expect(notEmpty.status).toBe('failed');
    expect((await stat(disk('tree'))).isDirectory()).toBe(true);
    expect(await sftp.run('folders.delete', { path: '/tree', recursive: true }, { auth })).toMatchObject({
      status: 'completed',
      output: { path: '/tree' },
    });
    await expect(stat(disk('tree'))).rejects.toThrow();
  });
});

describe('files.new trigger', () => {
  it('records the files on the first poll, then fires once for each new matching file', async () => {
    await mkdir(disk('watch'), { recursive: true });
    await writeFile(disk('watch/old.csv'), 'old');
    const input = { path: '/watch', pattern: '*.csv' };
    const first = await sftp.poll('files.new', input, { auth });
    expect(first).toMatchObject({ status: 'completed', items: [] });

    await writeFile(disk('watch/new.csv'), 'new,file');
    await writeFile(disk('watch/skip.txt'), 'not csv');
    await mkdir(disk('watch/folder.csv'));
    const second = await sftp.poll('files.new', input, { auth, state: first.state });
    expect(second.items).toEqual([
      expect.objectContaining({ id: '/watch/new.csv', name: 'new.csv', path: '/watch/new.csv', type: 'file', size: 8 }),
    ]);
    const third = await sftp.poll('files.new', input, { auth, state: second.state });
    expect(third).toMatchObject({ status: 'completed', items: [] });
  });

  it('waits for files to settle with minAgeSeconds, and fires again on updates with includeUpdated', async () => {
    await mkdir(disk('settle'), { recursive: true });
    const input = { path: '/settle', minAgeSeconds: 60, includeUpdated: true };
    const first = await sftp.poll('files.new', input, { auth });
    await writeFile(disk('settle/upload.dat'), 'partial');
    const fresh = await sftp.poll('files.new', input, { auth, state: first.state });
    expect(fresh.items).toEqual([]);

    const settled = new Date(Date.now() - 120_000);
    await utimes(disk('settle/upload.dat'), settled, settled);
    const ready = await sftp.poll('files.new', input, { auth, state: fresh.state });
    expect(ready.items).toEqual([expect.objectContaining({ name: 'upload.dat', size: 7 })]);
    expect((ready.items[0] as { id: string }).id).toBe(
      `/settle/upload.dat@${new Date(Math.floor(settled.getTime() / 1000) * 1000).toISOString()}#7`,
    );

    await writeFile(disk('settle/upload.dat'), 'complete!');
    const later = new Date(Date.now() - 90_000);
    await utimes(disk('settle/upload.dat'), later, later);
    const updated = await sftp.poll('files.new', input, { auth, state: ready.state });
    expect(updated.items).toEqual([expect.objectContaining({ name: 'upload.dat', size: 9 })]);
  });
});

describe('authentication', () => {
  it('logs in with a private key, and with an encrypted one and its passphrase', async () => {
    await writeFile(disk('auth.txt'), 'ok');
    const base = { host: '127.0.0.1', port: server.port, username: server.username };
    expect(
      await sftp.run('files.info', { path: '/auth.txt' }, { auth: { ...base, privateKey: server.privateKey } }),
    ).toMatchObject({
      status: 'completed',
      output: { exists: true },
    });
    expect(
      await sftp.run(
        'files.info',
        { path: '/auth.txt' },
        { auth: { ...base, privateKey: server.encryptedKey, passphrase: server.passphrase } },
      ),
    ).toMatchObject({ status: 'completed', output: { exists: true } });
  });

  it('reports a wrong password as auth, and a connection without credentials as invalid input', async () => {
    const wrong = await sftp.run('files.info', { path: '/' }, { auth: { ...auth, password: 'wrong' } });
    expect(wrong).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(wrong.error?.message).toMatch(/authentication methods failed/);
    const none = await sftp.run(
      'files.info',
      { path: '/' },
      { auth: { host: '127.0.0.1', port: server.port, username: 'mova' } },
    );
    expect(none).toMatchObject({ status: 'failed', error: { kind: 'invalid_input' } });
  });

  it('connects only to the server whose host key has the pinned fingerprint', async () => {
    const pinned = await sftp.run(
      'files.info',
      { path: '/' },
      { auth: { ...auth, hostFingerprint: server.fingerprint } },
    );
    expect(pinned).toMatchObject({ status: 'completed', output: { exists: true } });
    const other = `SHA256:${Buffer.alloc(32, 7).toString('base64').replace(/=+$/, '')}`;
    const refused = await sftp.run('files.info', { path: '/' }, { auth: { ...auth, hostFingerprint: other } });
    expect(refused).toMatchObject({ status: 'failed', error: { kind: 'auth' } });
    expect(refused.error?.hint).toMatch(/hostFingerprint/);
  });

  it('reports a closed port as transient', async () => {
    const result = await sftp.run('files.info', { path: '/' }, { auth: { ...auth, port: await freePort() } });
    expect(result).toMatchObject({ status: 'failed', error: { kind: 'transient' } });
  });
});
