import { createHash, timingSafeEqual } from 'node:crypto';
import type { Stats } from 'node:fs';
import {
  type FileHandle,
  lstat,
  mkdir,
  open,
  readdir,
  realpath,
  rename,
  rm,
  rmdir,
  stat,
  utimes,
} from 'node:fs/promises';
import { join, posix, resolve, sep } from 'node:path';
import { type Attributes, type ParsedKey, Server, type SFTPWrapper, utils } from 'ssh2';

const { STATUS_CODE, flagsToString } = utils.sftp;

export interface SftpServer {
  port: number;
  /** OpenSSH-style fingerprint of the host key, `SHA256:…`. */
  fingerprint: string;
  username: string;
  password: string;
  /** OpenSSH private key the server accepts for `username`. */
  privateKey: string;
  /** Another private key, encrypted with `passphrase`, that the server accepts too. */
  encryptedKey: string;
  passphrase: string;
  stop(): Promise<void>;
}

/**
 * A real SFTP server (ssh2's server API, SFTP v3 as OpenSSH speaks it) on a free loopback port,
 * serving `root` as `/`. It accepts one user by password or by either of two public keys, and
 * answers file operations from the real file system, with OpenSSH's status codes.
 */
export async function startSftpServer(root: string): Promise<SftpServer> {
  const host = utils.generateKeyPairSync('ed25519');
  const user = utils.generateKeyPairSync('ed25519');
  const passphrase = 'key-passphrase';
  const encrypted = utils.generateKeyPairSync('ecdsa', { bits: 256, passphrase, cipher: 'aes256-ctr' });
  const accepted = [user.public, encrypted.public].map((text) => parsed(utils.parseKey(text)));
  const username = 'mova';
  const password = 'sftp-secret';
  const rootDir = await realpath(root);

  const server = new Server({ hostKeys: [host.private] }, (client) => {
    // As OpenSSH does: without it Nagle's algorithm holds each small reply for the client's ACK.
    // (ssh2's Connection has setNoDelay; its type definitions leave it out.)
    (client as typeof client & { setNoDelay(noDelay: boolean): void }).setNoDelay(true);
    client
      .on('authentication', (ctx) => {
        if (ctx.username !== username) return ctx.reject();
        if (ctx.method === 'password') return ctx.password === password ? ctx.accept() : ctx.reject();
        if (ctx.method === 'publickey') {
          const key = accepted.find((k) => k.type === ctx.key.algo && equal(k.getPublicSSH(), ctx.key.data));
          if (!key) return ctx.reject();
          if (!ctx.signature) return ctx.accept(); // the client only asks whether the key would do
          return key.verify(ctx.blob ?? Buffer.alloc(0), ctx.signature, ctx.hashAlgo) === true
            ? ctx.accept()
            : ctx.reject();
        }
        ctx.reject(['password', 'publickey']);
      })
      .on('ready', () => {
        client.on('session', (acceptSession) => {
          acceptSession().on('sftp', (acceptSftp) => serve(acceptSftp(), rootDir));
        });
      })
      .on('error', () => {});
  });
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  if (typeof address !== 'object' || !address) throw new Error('the SFTP server has no port');
  const blob = parsed(utils.parseKey(host.public)).getPublicSSH();
  return {
    port: address.port,
    fingerprint: `SHA256:${createHash('sha256').update(blob).digest('base64').replace(/=+$/, '')}`,
    username,
    password,
    privateKey: user.private,
    encryptedKey: encrypted.private,
    passphrase,
    stop: () => new Promise((done) => server.close(() => done())),
  };
}

function parsed(key: ParsedKey | Error): ParsedKey {
  if (key instanceof Error) throw key;
  return key;
}

function equal(a: Buffer, b: Buffer): boolean {
  return a.length === b.length && timingSafeEqual(a, b);
}

type Handle = { kind: 'file'; file: FileHandle } | { kind: 'dir'; path: string; done: boolean };

function serve(sftp: SFTPWrapper, root: string): void {
  const handles = new Map<number, Handle>();
  let next = 0;
  const local = (path: string) => {
    const inside = resolve(root, `.${posix.normalize(`/${path}`)}`);
    if (inside !== root && !inside.startsWith(root + sep))
      throw Object.assign(new Error('outside'), { code: 'EACCES' });
    return inside;
  };
  const handleOf = (buffer: Buffer) => handles.get(buffer.readUInt32BE(0));
  const newHandle = (handle: Handle) => {
    const id = next++;
    handles.set(id, handle);
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id);
    return buffer;
  };
  const fail = (reqid: number, error: unknown) => {
    const code = (error as { code?: string }).code;
    const status =
      code === 'ENOENT' || code === 'ENOTDIR'
        ? STATUS_CODE.NO_SUCH_FILE
        : code === 'EACCES' || code === 'EPERM'
          ? STATUS_CODE.PERMISSION_DENIED
          : STATUS_CODE.FAILURE;
    sftp.status(reqid, status, (error as Error).message);
  };
  const run = (reqid: number, work: () => Promise<void>) => {
    work().catch((error: unknown) => fail(reqid, error));
  };

  sftp
    .on('REALPATH', (reqid, path) =>
      run(reqid, async () => {
        const normal = posix.normalize(`/${path}`);
        sftp.name(reqid, [{ filename: normal, longname: normal, attrs: {} as Attributes }]);
      }),
    )
    .on('STAT', (reqid, path) => run(reqid, async () => sftp.attrs(reqid, attrsOf(await stat(local(path))))))
    .on('LSTAT', (reqid, path) => run(reqid, async () => sftp.attrs(reqid, attrsOf(await lstat(local(path))))))
    .on('FSTAT', (reqid, handle) =>
      run(reqid, async () => {
        const h = handleOf(handle);
        if (h?.kind !== 'file') return void sftp.status(reqid, STATUS_CODE.FAILURE);
        sftp.attrs(reqid, attrsOf(await h.file.stat()));
      }),
    )
    .on('OPEN', (reqid, filename, flags) =>
      run(reqid, async () => {
        const mode = flagsToString(flags);
        if (!mode) return void sftp.status(reqid, STATUS_CODE.OP_UNSUPPORTED);
        sftp.handle(reqid, newHandle({ kind: 'file', file: await open(local(filename), mode) }));
      }),
    )
    .on('READ', (reqid, handle, offset, length) =>
      run(reqid, async () => {
        const h = handleOf(handle);
        if (h?.kind !== 'file') return void sftp.status(reqid, STATUS_CODE.FAILURE);
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await h.file.read(buffer, 0, length, offset);
        if (bytesRead === 0) return void sftp.status(reqid, STATUS_CODE.EOF);
        sftp.data(reqid, buffer.subarray(0, bytesRead));
      }),
    )
    .on('WRITE', (reqid, handle, offset, data) =>
      run(reqid, async () => {
        const h = handleOf(handle);
        if (h?.kind !== 'file') return void sftp.status(reqid, STATUS_CODE.FAILURE);
        await h.file.write(data, 0, data.length, offset);
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on('CLOSE', (reqid, handle) =>
      run(reqid, async () => {
        const h = handleOf(handle);
        handles.delete(handle.readUInt32BE(0));
        if (h?.kind === 'file') await h.file.close();
        sftp.status(reqid, h ? STATUS_CODE.OK : STATUS_CODE.FAILURE);
      }),
    )
    .on('OPENDIR', (reqid, path) =>
      run(reqid, async () => {
        const dir = local(path);
        if (!(await stat(dir)).isDirectory()) throw Object.assign(new Error('not a directory'), { code: 'ENOTDIR' });
        sftp.handle(reqid, newHandle({ kind: 'dir', path: dir, done: false }));
      }),
    )
    .on('READDIR', (reqid, handle) =>
      run(reqid, async () => {
        const h = handleOf(handle);
        if (h?.kind !== 'dir') return void sftp.status(reqid, STATUS_CODE.FAILURE);
        if (h.done) return void sftp.status(reqid, STATUS_CODE.EOF);
        h.done = true;
        const names = await readdir(h.path);
        const entries = await Promise.all(
          names.map(async (filename) => {
            const stats = await lstat(join(h.path, filename));
            return { filename, longname: longnameOf(filename, stats), attrs: attrsOf(stats) };
          }),
        );
        sftp.name(reqid, entries);
      }),
    )
    .on('MKDIR', (reqid, path) =>
      run(reqid, async () => {
        await mkdir(local(path));
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on('RMDIR', (reqid, path) =>
      run(reqid, async () => {
        await rmdir(local(path));
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on('REMOVE', (reqid, path) =>
      run(reqid, async () => {
        const target = local(path);
        if ((await lstat(target)).isDirectory()) throw Object.assign(new Error('is a directory'), { code: 'EISDIR' });
        await rm(target);
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on('RENAME', (reqid, from, to) =>
      run(reqid, async () => {
        // SFTP v3 (and OpenSSH) refuse to rename onto an existing name.
        const target = local(to);
        const exists = await lstat(target).then(
          () => true,
          () => false,
        );
        if (exists) return void sftp.status(reqid, STATUS_CODE.FAILURE, 'target exists');
        await rename(local(from), target);
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on('SETSTAT', (reqid, path, attrs) =>
      run(reqid, async () => {
        if (attrs.atime !== undefined && attrs.mtime !== undefined) await utimes(local(path), attrs.atime, attrs.mtime);
        sftp.status(reqid, STATUS_CODE.OK);
      }),
    )
    .on('FSETSTAT', (reqid) => sftp.status(reqid, STATUS_CODE.OK));
}

function attrsOf(stats: Stats): Attributes {
  return {
    mode: stats.mode,
    uid: stats.uid,
    gid: stats.gid,
    size: stats.size,
    atime: Math.floor(stats.atimeMs / 1000),
    mtime: Math.floor(stats.mtimeMs / 1000),
  };
}

/** The `ls -l` line OpenSSH sends as each entry's longname (ssh2-sftp-client reads the type off it). */
function longnameOf(name: string, stats: Stats): string {
  const type = stats.isDirectory() ? 'd' : stats.isSymbolicLink() ? 'l' : '-';
  const bits = 'rwxrwxrwx'
    .split('')
    .map((letter, i) => (stats.mode & (1 << (8 - i)) ? letter : '-'))
    .join('');
  const date = stats.mtime.toUTCString().slice(5, 16);
  return `${type}${bits} 1 ${stats.uid} ${stats.gid} ${stats.size} ${date} ${name}`;
}
