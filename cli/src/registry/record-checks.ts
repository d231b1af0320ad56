import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { PublishChecks } from '../check/publish-checks.js';

/**
 * Runs `work` (npm publish) with `mova.checks` written into package.json, so the version's metadata
 * and the packed package.json record what publish checked; the file is put back as it was after.
 */
export async function withRecordedChecks<T>(dir: string, checks: PublishChecks, work: () => Promise<T>): Promise<T> {
  const path = join(dir, 'package.json');
  const original = await readFile(path, 'utf8');
  const pkg = JSON.parse(original) as { mova?: unknown };
  const mova = typeof pkg.mova === 'object' && pkg.mova !== null ? pkg.mova : {};
  const indent = /^[ \t]+/m.exec(original)?.[0] ?? '  ';
  await writeFile(path, `${JSON.stringify({ ...pkg, mova: { ...mova, checks } }, null, indent)}\n`);
  try {
    return await work();
  } finally {
    await writeFile(path, original);
  }
}
