import { mkdir, rm, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Page } from './page.js';

/** Empties the generated folders, then writes the pages under `root`. */
export async function writePages(root: string, clean: readonly string[], pages: Page[]): Promise<void> {
  await Promise.all(clean.map((dir) => rm(join(root, dir), { recursive: true, force: true })));
  for (const page of pages) {
    const file = join(root, page.path);
    await mkdir(dirname(file), { recursive: true });
    await writeFile(file, page.content);
  }
}
