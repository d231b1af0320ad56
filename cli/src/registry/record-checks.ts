import { createHash } from 'node:crypto';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PublishChecks } from '../check/publish-checks.js';

/** What `withRecordedChecks` did with a package.json an interrupted publish left behind. */
export type Recovery = { kind: 'restored'; path: string } | { kind: 'edited-since'; path: string } | { kind: 'none' };

interface Journal {
  path: string;
  original: string;
  written: string;
}

const SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;

/**
 * Runs `work` (npm publish) with `mova.checks` written into package.json, so the version's metadata
 * and the packed package.json record what publish checked; the file is put back as it was after.
 * A journal in `journalDir` (never in the package, where npm would pack it) keeps the original
 * until then: a signal restores it at once, and after a kill -9 the next publish restores it.
 */
export async function withRecordedChecks<T>(
  dir: string,
  checks: PublishChecks,
  journalDir: string,
  work: () => Promise<T>,
  onRecovery: (recovery: Recovery) => void = () => {},
): Promise<T> {
  const path = join(dir, 'package.json');
  const journalPath = join(
    journalDir,
    'publish-pending',
    `${createHash('sha256').update(resolve(path)).digest('hex').slice(0, 16)}.json`,
  );
  const recovery = await recoverInterrupted(journalPath);
  if (recovery.kind !== 'none') onRecovery(recovery);

  const original = await readFile(path, 'utf8');
  const pkg = JSON.parse(original) as { mova?: unknown };
  const mova = typeof pkg.mova === 'object' && pkg.mova !== null ? pkg.mova : {};
  const indent = /^[ \t]+/m.exec(original)?.[0] ?? '  ';
  const written = `${JSON.stringify({ ...pkg, mova: { ...mova, checks } }, null, indent)}\n`;
  const journal: Journal = { path, original, written };
  await mkdir(join(journalDir, 'publish-pending'), { recursive: true });
  await writeFile(journalPath, JSON.stringify(journal), { mode: 0o600 });

  // Synchronous on purpose: after a signal handler returns, the process may not run another tick.
  const restore = () => {
    writeFileSync(path, original);
    rmSync(journalPath, { force: true });
  };
  const onSignal = (signal: NodeJS.Signals) => {
    restore();
    for (const name of SIGNALS) process.removeListener(name, onSignal);
    process.kill(process.pid, signal);
  };
  for (const name of SIGNALS) process.once(name, onSignal);
  try {
    await writeFile(path, written);
    return await work();
  } finally {
    for (const name of SIGNALS) process.removeListener(name, onSignal);
    await writeFile(path, original);
    await rm(journalPath, { force: true });
  }
}

/**
 * Puts back the package.json a publish killed mid-way left with its `mova.checks`, unless it was
 * edited since: then the user's edits win and only the journal goes.
 */
async function recoverInterrupted(journalPath: string): Promise<Recovery> {
  let journal: Journal;
  try {
    journal = JSON.parse(readFileSync(journalPath, 'utf8')) as Journal;
  } catch {
    return { kind: 'none' };
  }
  let current: string | undefined;
  try {
    current = await readFile(journal.path, 'utf8');
  } catch {
    current = undefined;
  }
  await rm(journalPath, { force: true });
  if (current === journal.written) {
    await writeFile(journal.path, journal.original);
    return { kind: 'restored', path: journal.path };
  }
  return current === undefined ? { kind: 'none' } : { kind: 'edited-since', path: journal.path };
}
