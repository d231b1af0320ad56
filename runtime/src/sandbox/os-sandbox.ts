import { spawn } from 'node:child_process';
import { existsSync, realpathSync } from 'node:fs';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ENTRY_DIR, type FromSandbox, type Sandbox, type SandboxExit, type SandboxFactory } from './channel.js';
import { EgressProxy } from './egress-proxy.js';
import { childSandbox, permissionArgs } from './process-sandbox.js';
import { type IdleFactory, idleOver, removeSpareFolder, spareFolder } from './spare.js';

/** Whether process sandboxes get OS namespaces here, and if not, why. */
export interface OsSandboxStatus {
  available: boolean;
  /** The bubblewrap binary used. */
  bwrap?: string;
  /** Why not, said so a person can fix it. */
  reason?: string;
}

const EGRESS_DIR = '/run/mova';
let probe: Promise<OsSandboxStatus> | undefined;

/**
 * Finds bubblewrap and checks once per process that it can build a sandbox here (user namespaces may
 * be off, or a container may forbid them).
 */
export function osSandboxStatus(): Promise<OsSandboxStatus> {
  probe ??= detect();
  return probe;
}

async function detect(): Promise<OsSandboxStatus> {
  if (process.platform !== 'linux') {
    return { available: false, reason: `OS namespaces are a Linux feature; this is ${process.platform}` };
  }
  const bwrap = findBwrap();
  if (!bwrap) {
    return {
      available: false,
      reason: 'bubblewrap (bwrap) is not installed: apt-get install bubblewrap (npm run setup does it as root)',
    };
  }
  const node = realpathSync(process.execPath);
  const result = await new Promise<{ code: number | null; stderr: string }>((resolve) => {
    const child = spawn(bwrap, [...baseArgs(node), node, '-e', '0'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => {
      stderr += chunk.toString();
    });
    child.on('error', (error) => resolve({ code: -1, stderr: error.message }));
    child.on('close', (code) => resolve({ code, stderr }));
  });
  if (result.code !== 0) {
    return {
      available: false,
      bwrap,
      reason: `bubblewrap cannot create namespaces here: ${result.stderr.trim() || `exit ${result.code}`}`,
    };
  }
  return { available: true, bwrap };
}

function findBwrap(): string | undefined {
  const dirs = [...(process.env.PATH ?? '').split(delimiter), '/usr/bin', '/bin'];
  return dirs
    .filter((dir) => dir.startsWith('/'))
    .map((dir) => join(dir, 'bwrap'))
    .find((path) => existsSync(path));
}

/**
 * Every namespace of its own (no network but its loopback, own PIDs, no IPC with the host), killed
 * with its parent, and a file system of only the system's read-only binaries and libraries and Node.
 */
function baseArgs(node: string): string[] {
  const args = ['--unshare-all', '--die-with-parent', '--new-session', '--ro-bind', '/usr', '/usr'];
  for (const lib of ['/lib', '/lib64', '/lib32']) {
    if (existsSync(lib)) args.push('--ro-bind', lib, lib);
  }
  if (!node.startsWith('/usr/')) args.push('--ro-bind', dirname(node), dirname(node));
  args.push('--proc', '/proc', '--dev', '/dev', '--tmpfs', '/tmp');
  return args;
}

/**
 * A process sandbox inside OS namespaces (bubblewrap): no network of its own, its own PID
 * namespace, gone with its parent, a read-only view of the system libraries, Node, the sandbox
 * entry and the connector's folder, and the directories of the files its connection names. Its
 * only way out is the host's egress proxy, which allows the
 * sandbox's hosts and nothing else. Node's permission model still runs inside as a second layer.
 */
export function osSandbox(bwrap: string): SandboxFactory {
  return (spec, limits) => {
    const proxy = new EgressProxy(spec.network);
    const started = proxy.start().then((proxyDir) => {
      const args = bwrapArgs(dirname(spec.bundle), proxyDir, spec.files ?? [], permissionArgs(spec, limits));
      const config = { ...spec, egress: `${EGRESS_DIR}/egress.sock` };
      const child = spawn(bwrap, args, {
        env: { MOVA_SANDBOX_CONFIG: JSON.stringify(config) },
        serialization: 'advanced',
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      child.once('exit', () => void proxy.close());
      return childSandbox(child, limits);
    });
    return deferred(started, () => proxy.close());
  };
}

/**
 * A spare OS sandbox: the same namespaces, binds and permission flags as `osSandbox` gives a
 * connector without files, with the connector's folder replaced by a private folder (bound
 * read-only, empty until bind, when the connector's folder is mirrored into it; a bind mount shows
 * what is added to its source later) and an egress proxy that allows nothing until the bind sets
 * the connector's hosts, before the sandbox imports anything.
 */
export function idleOsSandbox(bwrap: string): IdleFactory {
  return (limits) => {
    const proxy = new EgressProxy([]);
    const folder = spareFolder();
    const flags = permissionArgs({ bundle: join(folder.dir, 'connector.mjs'), network: [], label: 'spare' }, limits);
    const cleanup = async () => {
      await proxy.close();
      await removeSpareFolder(folder.dir);
    };
    const started = proxy.start().then((proxyDir) => {
      const child = spawn(bwrap, bwrapArgs(folder.dir, proxyDir, [], flags), {
        env: {},
        serialization: 'advanced',
        stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
      });
      child.once('exit', () => void cleanup());
      return childSandbox(child, limits);
    });
    return idleOver(
      deferred(started, cleanup),
      async (spec) => {
        proxy.allow(spec.network);
        return { ...spec, bundle: await folder.fill(spec.bundle), egress: `${EGRESS_DIR}/egress.sock` };
      },
      { killAfterStart: true },
    );
  };
}

/** bubblewrap's arguments for a sandbox reading `connectorDir` and the files it is granted, running Node with `flags`. */
function bwrapArgs(connectorDir: string, proxyDir: string, files: readonly string[], flags: string[]): string[] {
  const node = realpathSync(process.execPath);
  const entryDir = fileURLToPath(ENTRY_DIR);
  return [
    ...baseArgs(node),
    ...fileBinds(files),
    '--ro-bind',
    entryDir,
    entryDir,
    '--ro-bind',
    connectorDir,
    connectorDir,
    '--bind',
    proxyDir,
    EGRESS_DIR,
    '--chdir',
    connectorDir,
    node,
    ...flags,
    join(entryDir, 'process.mjs'),
  ];
}

/**
 * The directories of the files a connection names, writable: SQLite creates and deletes its journal
 * beside the database, which a bind of the file alone would not allow. Node's permission model
 * inside narrows the access to the files themselves. Bound before the connector's folder and the
 * entry, so a database kept above them leaves those read-only. A symlinked directory is bound from
 * where it really is to the path the connection names.
 */
function fileBinds(files: readonly string[]): string[] {
  const dirs = [...new Set(files.map((file) => dirname(file)))].sort();
  return dirs.flatMap((dir) => ['--bind', realpathSync(dir), dir]);
}

/** A Sandbox whose process starts once the egress proxy listens; listeners wait for it. */
function deferred(started: Promise<Sandbox>, cleanup: () => Promise<void>): Sandbox {
  const failed = started.then(
    () => undefined,
    (error: Error) => error,
  );
  return {
    send: (message) =>
      void started.then(
        (sandbox) => sandbox.send(message),
        () => {},
      ),
    onMessage: (listener: (message: FromSandbox) => void) =>
      void started.then(
        (sandbox) => sandbox.onMessage(listener),
        () => {},
      ),
    onExit: (listener: (exit: SandboxExit) => void) => {
      void started.then(
        (sandbox) => sandbox.onExit(listener),
        () => {},
      );
      void failed.then((error) => {
        if (error) listener({ outOfMemory: false, reason: `its egress proxy could not start: ${error.message}` });
      });
    },
    kill: async () => {
      const sandbox = await started.catch(() => undefined);
      await sandbox?.kill();
      await cleanup();
    },
  };
}
