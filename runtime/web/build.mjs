// Bundles the runs page of `mova-connector serve` (web/src, Preact + TSX) into web/dist: index.html
// naming content-hashed assets that serve answers at `/assets/`. Run at build time
// (`pnpm --filter @mova/runtime build:web`, part of the repository's `pnpm run build`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildWebPage, printSizes } from '../../scripts/web/build-page.mjs';

const web = fileURLToPath(new URL('.', import.meta.url));

/** Builds the page into `outDir` (web/dist by default) and returns each asset's size, raw and gzipped. */
export function buildRunsPage(outDir = join(web, 'dist')) {
  return buildWebPage({ build, web, entry: 'runs', assetsUrl: '/assets/', outDir });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printSizes(await buildRunsPage(process.argv[2]), 'runs page');
}
