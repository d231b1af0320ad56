import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type RunResult, run } from './process.js';

const repoRoot = fileURLToPath(new URL('../../../', import.meta.url));
const pinnedPnpm: string = JSON.parse(readFileSync(join(repoRoot, 'package.json'), 'utf8')).packageManager.split(
  '@',
)[1];

/** Runs the real npm of this machine. */
export function npm(args: string[], cwd: string): Promise<RunResult> {
  return run('npm', args, { cwd });
}

let pnpmCommand: Promise<string[]> | undefined;

/**
 * The pnpm version the repo pins (package.json "packageManager"), found as scripts/pnpm.mjs finds it
 * (on PATH, else in .tools/ where bootstrap installs it), else fetched by npx.
 */
function findPnpm(): Promise<string[]> {
  pnpmCommand ??= (async () => {
    const onPath = await run('pnpm', ['--version'], { cwd: repoRoot }).catch(() => undefined);
    if (onPath?.code === 0 && onPath.stdout.trim() === pinnedPnpm) return ['pnpm'];
    const local = join(repoRoot, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');
    if (existsSync(local)) return [process.execPath, local];
    return ['npx', '--yes', `pnpm@${pinnedPnpm}`];
  })();
  return pnpmCommand;
}

/** Runs the real pnpm the repo pins. */
export async function pnpm(args: string[], cwd: string): Promise<RunResult> {
  const [command = 'pnpm', ...prefix] = await findPnpm();
  return run(command, [...prefix, ...args], { cwd, timeoutMs: 120_000 });
}

export function pnpmVersion(): string {
  return pinnedPnpm;
}
