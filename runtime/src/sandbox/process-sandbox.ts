import { type ChildProcess, fork } from 'node:child_process';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import {
  ENTRY_DIR,
  type FromSandbox,
  type Sandbox,
  type SandboxFactory,
  type SandboxLimits,
  type SandboxSpec,
} from './channel.js';
import { watchMemory } from './memory-watch.js';
import { type IdleFactory, idleOver, removeSpareFolder, spareFolder } from './spare.js';

// Node 22 renamed --experimental-permission to --permission; Node 20 knows only the old name.
const PERMISSION_FLAG = process.allowedNodeEnvironmentFlags.has('--permission')
  ? '--permission'
  : '--experimental-permission';

/**
 * A forked Node process under the permission model: file reads limited to the connector's folder
 * and the sandbox entry (plus the files its connection names, read and write), no child processes, no workers, no native addons, a heap cap, and an
 * environment holding nothing but its own configuration. Its network guard runs in the connector's
 * own realm, so on its own this is the weak sandbox: used where OS namespaces are not available.
 */
export const processSandbox: SandboxFactory = (spec, limits) => {
  const child = fork(fileURLToPath(new URL('process.mjs', ENTRY_DIR)), [], {
    execArgv: permissionArgs(spec, limits),
    env: { MOVA_SANDBOX_CONFIG: JSON.stringify(spec) },
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  return childSandbox(child, limits);
};

/**
 * A spare process sandbox. Its permission flags are the ones `processSandbox` gives a connector
 * without files, with the connector's folder replaced by a private folder that stays empty until
 * bind, when the connector's folder is mirrored into it: the flags depend on nothing else (the
 * heap cap is the host's), so the bound spare may read exactly what a fresh sandbox could.
 */
export const idleProcess: IdleFactory = (limits) => {
  const folder = spareFolder();
  const child = fork(fileURLToPath(new URL('process.mjs', ENTRY_DIR)), [], {
    execArgv: permissionArgs({ bundle: join(folder.dir, 'connector.mjs'), network: [], label: 'spare' }, limits),
    env: {},
    serialization: 'advanced',
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
  });
  child.once('exit', () => void removeSpareFolder(folder.dir));
  const sandbox = childSandbox(child, limits);
  const kill = async () => {
    await sandbox.kill();
    await removeSpareFolder(folder.dir);
  };
  return idleOver({ ...sandbox, kill }, async (spec) => ({ ...spec, bundle: await folder.fill(spec.bundle) }));
};

/** Node's permission model for a sandbox process: the second layer inside the OS sandbox, the only one without it. */
export function permissionArgs(spec: SandboxSpec, limits: SandboxLimits): string[] {
  // Exactly the files the connection names (a database and its journal), never their directory.
  const files = (spec.files ?? []).flatMap((file) => [`--allow-fs-read=${file}`, `--allow-fs-write=${file}`]);
  return [
    PERMISSION_FLAG,
    `--allow-fs-read=${dirname(spec.bundle)}`,
    `--allow-fs-read=${fileURLToPath(ENTRY_DIR)}`,
    ...files,
    '--no-addons',
    `--max-old-space-size=${limits.memoryMb}`,
  ];
}

/** A sandbox over a child process that talks over its IPC channel (fork, or bwrap around node). */
export function childSandbox(child: ChildProcess, limits: SandboxLimits): Sandbox {
  let stderr = '';
  let overRss: number | undefined;
  const unwatch =
    child.pid === undefined
      ? () => {}
      : watchMemory(child.pid, limits.rssMb, (rssMb) => {
          overRss = rssMb;
          child.kill('SIGKILL');
        });
  child.once('exit', unwatch);
  child.stderr?.on('data', (chunk: Buffer) => {
    stderr = (stderr + chunk.toString()).slice(-4000);
  });
  child.stdout?.resume();
  return {
    send: (message) => {
      if (child.connected) child.send(message);
    },
    onMessage: (listener) => child.on('message', (m) => listener(m as FromSandbox)),
    onExit: (listener) =>
      child.once('exit', (code, signal) => {
        const oom = overRss !== undefined || /heap out of memory|Allocation failed/i.test(stderr);
        const thrown = /\n\s*at /.test(stderr)
          ? stderr
              .trim()
              .split('\n')
              .find((l) => /Error/.test(l))
          : undefined;
        listener({
          outOfMemory: oom,
          reason: overRss
            ? `it used ${overRss} MiB of memory, over the ${limits.rssMb} MiB limit`
            : oom
              ? `it ran out of memory (limit ${limits.memoryMb} MiB)`
              : thrown
                ? `it crashed: ${thrown.trim()}`
                : signal
                  ? `it was killed by ${signal}`
                  : `it exited with code ${code}`,
        });
      }),
    kill: async () => {
      if (child.exitCode !== null || child.signalCode !== null) return;
      const gone = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGKILL');
      await gone;
    },
  };
}
