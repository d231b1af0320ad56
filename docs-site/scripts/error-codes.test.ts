import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { repoRoot, srcDir } from './paths.js';

/** Where the errors a user sees are defined. */
const SOURCES = ['sdk/src', 'runtime/src', 'registry/src', 'cli/src'];

/**
 * Codes that never reach a user as they are: the sandbox sends them to the host over its channel,
 * which turns them into step errors of kind `forbidden` and `limit`.
 */
const WIRE_CODES = new Set(['E_NETWORK_DENIED', 'E_OUTPUT_LIMIT']);

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  return entries
    .filter((e) => e.isFile() && e.name.endsWith('.ts') && !e.name.endsWith('.test.ts'))
    .map((e) => join(e.parentPath, e.name));
}

/** Every quoted `'E_…'` code in the packages' sources. */
async function sourceCodes(): Promise<Set<string>> {
  const codes = new Set<string>();
  for (const dir of SOURCES) {
    for (const file of await sourceFiles(join(repoRoot, dir))) {
      for (const match of (await readFile(file, 'utf8')).matchAll(/'(E_[A-Z0-9_]+)'/g)) codes.add(match[1] ?? '');
    }
  }
  return codes;
}

describe('the error codes page', () => {
  it('lists every code the packages define, and no code they do not', async () => {
    const page = await readFile(join(srcDir, 'guide', 'errors.md'), 'utf8');
    const listed = new Set([...page.matchAll(/^\| `(E_[A-Z0-9_]+)` \|/gm)].map((m) => m[1] ?? ''));
    const defined = [...(await sourceCodes())].filter((code) => !WIRE_CODES.has(code));
    expect(defined.filter((code) => !listed.has(code)).sort()).toEqual([]);
    expect([...listed].filter((code) => !defined.includes(code)).sort()).toEqual([]);
  });
});
