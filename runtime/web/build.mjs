// Bundles the runs page of `mova-connector serve` (web/src, Preact + TSX) into web/dist: index.html
// naming content-hashed assets that serve answers at `/assets/`. Run at build time
// (`pnpm --filter @mova/runtime build:web`, part of the repository's `pnpm run build`).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const web = fileURLToPath(new URL('.', import.meta.url));
const ASSETS_URL = '/assets/';

/** Builds the page into `outDir` (web/dist by default) and returns each asset's size, raw and gzipped. */
export async function buildRunsPage(outDir = join(web, 'dist')) {
  await rm(outDir, { recursive: true, force: true });
  const assets = join(outDir, 'assets');
  const result = await build({
    entryPoints: { runs: join(web, 'src', 'main.tsx') },
    outdir: assets,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    target: ['chrome111', 'edge111', 'firefox111', 'safari16.4'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    metafile: true,
    legalComments: 'eof',
    logLevel: 'warning',
  });
  const outputs = Object.keys(result.metafile.outputs).map((path) => basename(path));
  const js = outputs.find((name) => name.endsWith('.js'));
  const css = outputs.find((name) => name.endsWith('.css'));
  if (!js || !css) throw new Error(`esbuild wrote ${outputs.join(', ')}: expected one .js and one .css`);

  const favicon = await readFile(join(web, 'favicon.svg'));
  const faviconName = `favicon-${createHash('sha256').update(favicon).digest('hex').slice(0, 8)}.svg`;
  await writeFile(join(assets, faviconName), favicon);

  const template = await readFile(join(web, 'index.html'), 'utf8');
  const html = template
    .replace('%JS%', ASSETS_URL + js)
    .replace('%CSS%', ASSETS_URL + css)
    .replace('%FAVICON%', ASSETS_URL + faviconName);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'index.html'), html);

  const sizes = {};
  for (const name of [js, css, faviconName]) {
    const bytes = await readFile(join(assets, name));
    sizes[name] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return { outDir, js, css, sizes };
}

if (process.argv[1] && fileURLToPath(import.meta.url) === process.argv[1]) {
  const { outDir, sizes } = await buildRunsPage(process.argv[2]);
  for (const [name, size] of Object.entries(sizes)) {
    console.log(`  ${name}: ${(size.bytes / 1024).toFixed(1)} KiB, ${(size.gzip / 1024).toFixed(1)} KiB gzipped`);
  }
  console.log(`  runs page built into ${outDir}`);
}
