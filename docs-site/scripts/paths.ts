import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

/** The docs-site package folder. */
export const docsRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** The repository the docs describe. */
export const repoRoot = resolve(docsRoot, '..');

/** VitePress's source folder: hand-written pages plus the generated reference folders below. */
export const srcDir = join(docsRoot, 'src');

/**
 * Folders under `src/` that the generators own: each is emptied and rewritten on every build, so a
 * removed command, connector or schema definition never leaves a stale page behind.
 */
export const generatedDirs = {
  sdkApi: 'sdk/api',
  workflow: 'workflow',
  cli: 'cli',
  connectors: 'connectors',
} as const;

/** The sidebar the generators compute, read by `.vitepress/config.ts`. */
export const sidebarFile = join(docsRoot, '.vitepress', 'sidebar.generated.json');
