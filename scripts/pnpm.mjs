// Finds the pnpm this repo pins (package.json "packageManager"), installing it under .tools/ when the
// machine has none or another version, so set-up never depends on, or changes, a global install.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const pinned = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')).packageManager.split('@')[1];
const local = join(root, '.tools', 'node_modules', 'pnpm', 'bin', 'pnpm.cjs');

/** Returns [command, ...args] that runs the pinned pnpm. */
export function pnpm() {
  const onPath = spawnSync('pnpm', ['--version'], { encoding: 'utf8', shell: process.platform === 'win32' });
  if (onPath.status === 0 && onPath.stdout.trim() === pinned) return ['pnpm'];
  if (!existsSync(local)) {
    console.log(
      `> installing pnpm@${pinned} into .tools/ (found ${onPath.status === 0 ? `pnpm ${onPath.stdout.trim()}` : 'no pnpm'})`,
    );
    const npm = spawnSync(
      'npm',
      ['install', '--prefix', join(root, '.tools'), '--no-save', '--no-audit', '--no-fund', `pnpm@${pinned}`],
      {
        stdio: 'inherit',
        shell: process.platform === 'win32',
      },
    );
    if (npm.status !== 0) throw new Error(`could not install pnpm@${pinned} with npm (exit ${npm.status})`);
  }
  return [process.execPath, local];
}
