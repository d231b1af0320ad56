import { execFile } from 'node:child_process';
import { mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { build } from 'esbuild';

const CACHE = fileURLToPath(new URL('../node_modules/.cache/mova-runtime-test/', import.meta.url));

/** Bundles a TypeScript fixture of test/fixtures into one ESM file (dependencies left to node_modules). */
export async function bundleFixture(name: string): Promise<string> {
  await mkdir(CACHE, { recursive: true });
  const outfile = `${CACHE}${name}-${process.pid}-${Math.random().toString(36).slice(2)}.mjs`;
  await build({
    entryPoints: [fileURLToPath(new URL(`./fixtures/${name}.ts`, import.meta.url))],
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    logLevel: 'silent',
  });
  return outfile;
}

/** Runs a bundled fixture with node under a shell `ulimit -n` (open files) and returns its stdout. */
export async function runWithFileLimit(file: string, args: string[], openFiles: number): Promise<string> {
  const quoted = [process.execPath, file, ...args].map((a) => `'${a.replaceAll("'", "'\\''")}'`).join(' ');
  const { stdout } = await promisify(execFile)('/bin/sh', ['-c', `ulimit -n ${openFiles} && exec ${quoted}`], {
    timeout: 120_000,
  });
  return stdout;
}
