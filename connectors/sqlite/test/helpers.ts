import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const SHELL = '/usr/bin/sqlite3';

/**
 * Runs SQL with SQLite's own shell (Debian's sqlite3, native SQLite): the reference the
 * connector's files are set up and checked with, independent of the WebAssembly build under test.
 * Never while a connector call has the same file open: the two lock files differently.
 */
export async function shell(file: string, sql: string): Promise<Record<string, unknown>[]> {
  if (!existsSync(SHELL)) {
    throw new Error(`${SHELL} is missing: apt-get install sqlite3 (npm run setup installs it as root)`);
  }
  const { stdout } = await run(SHELL, ['-bail', '-json', file, sql]);
  return stdout.trim() ? JSON.parse(stdout) : [];
}

/** A fresh temporary directory for one test file's databases, and a way to remove it. */
export async function tempDir(): Promise<{ dir: string; remove: () => Promise<void> }> {
  const dir = await mkdtemp(join(tmpdir(), 'mova-sqlite-'));
  return { dir, remove: () => rm(dir, { recursive: true, force: true }) };
}
