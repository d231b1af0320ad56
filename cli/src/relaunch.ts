import { spawn } from 'node:child_process';
import { readSync } from 'node:fs';
import { Socket } from 'node:net';

const PREFIX = 'MOVA_CONNECTION_';
const HANDOVER = 'MOVA_CONNECTIONS_FD';

/**
 * Connection secrets given as `MOVA_CONNECTION_*` variables stay readable for the life of a process
 * in `/proc/self/environ`, the kernel's copy of the environment it started with, which deleting them
 * from `process.env` does not change: connector code in a worker thread could read every one. On
 * Linux the CLI therefore starts itself again without them and hands them over a pipe; the second
 * process puts them back into `process.env` (memory only), where the runtime takes them from.
 * Returns true in the first process, which then only waits for the second and exits as it does.
 */
export async function relaunchWithoutSecrets(): Promise<boolean> {
  const handedOver = process.env[HANDOVER];
  if (handedOver !== undefined) {
    delete process.env[HANDOVER];
    const fd = Number(handedOver);
    Object.assign(process.env, JSON.parse(readLine(fd)) as Record<string, string>);
    // The first process holds the pipe open while it lives: killed, even with -9, it closes, and this
    // one goes the same way (taking its sandboxes along), as a single process would have.
    const watch = new Socket({ fd, readable: true, writable: false });
    watch.on('close', () => process.kill(process.pid, 'SIGKILL'));
    watch.on('error', () => undefined);
    watch.resume();
    watch.unref();
    return false;
  }
  const names = Object.keys(process.env).filter((name) => name.startsWith(PREFIX));
  if (names.length === 0 || process.platform !== 'linux') return false;

  const env: NodeJS.ProcessEnv = { ...process.env, [HANDOVER]: '3' };
  const secrets: Record<string, string> = {};
  for (const name of names) {
    secrets[name] = env[name] ?? '';
    delete env[name];
  }
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: ['inherit', 'inherit', 'inherit', 'pipe'],
    env,
  });
  const pipe = child.stdio[3] as NodeJS.WritableStream;
  pipe.write(`${JSON.stringify(secrets)}\n`);
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP'] as const) {
    process.on(signal, () => child.kill(signal));
  }
  const [code, signal] = await new Promise<[number | null, NodeJS.Signals | null]>((resolve) => {
    child.on('exit', (exitCode, exitSignal) => resolve([exitCode, exitSignal]));
    child.on('error', () => resolve([1, null]));
  });
  if (signal) {
    process.removeAllListeners(signal);
    process.kill(process.pid, signal);
  }
  process.exit(code ?? 1);
}

/** Reads the first line from `fd`, blocking: it is there at once, written before this process started. */
function readLine(fd: number): string {
  const chunk = Buffer.alloc(64 * 1024);
  let text = '';
  while (!text.includes('\n')) {
    const read = readSync(fd, chunk);
    if (read === 0) break;
    text += chunk.toString('utf8', 0, read);
  }
  const end = text.indexOf('\n');
  return end < 0 ? text : text.slice(0, end);
}
