// Bundles the marketplace page (web/src, Preact + TSX) into web/dist: index.html naming content-hashed
// assets under assets/, which the registry serves at `/` and `/-/mova/assets/`. Run at build time
// (`pnpm --filter @mova/registry build:web`, part of the repository's `pnpm run build`).
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';
import { buildWebPage, printSizes } from '../../scripts/web/build-page.mjs';

const web = fileURLToPath(new URL('.', import.meta.url));

/** Builds the page into `outDir` (web/dist by default) and returns each asset's size, raw and gzipped. */
export function buildPage(outDir = join(web, 'dist')) {
  return buildWebPage({ build, web, entry: 'app', assetsUrl: '/-/mova/assets/', outDir });
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  printSizes(await buildPage(process.argv[2]), 'marketplace page');
}
