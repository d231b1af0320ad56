import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const CACHE = fileURLToPath(new URL('../node_modules/.cache/mova-runtime-test/', import.meta.url));

/**
 * Starts the crash child (bundled from TypeScript with esbuild, dependencies left to node_modules)
 * and resolves with its run id once its long wait step is running.
 */
export async function startCrashChild(
  args: string[],
  env: Record<string, string> = {},
): Promise<{ child: ChildProcess; runId: string }> {
  await mkdir(CACHE, { recursive: true });
  const outfile = `${CACHE}crash-child-${process.pid}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL('./fixtures/crash-child.ts', import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  const child = spawn(process.execPath, [outfile, ...args], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, ...env },
  });
  let output = '';
  const runId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the crash child did not start: ${output}`)), 20_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /READY (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', read);
    child.stderr?.on('data', read);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the crash child exited (${code}): ${output}`));
    });
  }).finally(() => rm(outfile, { force: true }));
  return { child, runId };
}

/** Kills the child the hard way (no cleanup runs) and waits until it is gone. */
export async function killHard(child: ChildProcess): Promise<void> {
  const exited = once(child, 'exit');
  child.kill('SIGKILL');
  await exited;
}
