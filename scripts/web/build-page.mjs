// Bundles one of the Preact pages (the registry's marketplace, serve's runs page) from its web/
// folder into web/dist: index.html naming content-hashed assets. Each package's web/build.mjs says
// which page, where the server answers its assets and passes its own esbuild (the root has none).
import { createHash } from 'node:crypto';
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { gzipSync } from 'node:zlib';

/**
 * Builds `<web>/src/main.tsx` (with `<web>/index.html` as template and `<web>/favicon.svg`) into
 * `outDir`; the template's %JS%, %CSS% and %FAVICON% become `assetsUrl` + asset name. Returns each
 * asset's size, raw and gzipped.
 * @example
 * await buildWebPage({ build, web, entry: 'runs', assetsUrl: '/assets/', outDir: join(web, 'dist') });
 */
export async function buildWebPage({ build, web, entry, assetsUrl, outDir }) {
  await rm(outDir, { recursive: true, force: true });
  const assets = join(outDir, 'assets');
  const result = await build({
    entryPoints: { [entry]: join(web, 'src', 'main.tsx') },
    outdir: assets,
    entryNames: '[name]-[hash]',
    bundle: true,
    minify: true,
    format: 'esm',
    // Browsers of the last few years; all of them run native ES modules.
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
    .replace('%JS%', assetsUrl + js)
    .replace('%CSS%', assetsUrl + css)
    .replace('%FAVICON%', assetsUrl + faviconName);
  await mkdir(outDir, { recursive: true });
  await writeFile(join(outDir, 'index.html'), html);

  const sizes = {};
  for (const name of [js, css, faviconName]) {
    const bytes = await readFile(join(assets, name));
    sizes[name] = { bytes: bytes.length, gzip: gzipSync(bytes, { level: 9 }).length };
  }
  return { outDir, js, css, sizes };
}

/** Prints what `buildWebPage` returned, one line per asset: the command-line form of each web/build.mjs. */
export function printSizes({ outDir, sizes }, what) {
  for (const [name, size] of Object.entries(sizes)) {
    console.log(`  ${name}: ${(size.bytes / 1024).toFixed(1)} KiB, ${(size.gzip / 1024).toFixed(1)} KiB gzipped`);
  }
  console.log(`  ${what} built into ${outDir}`);
}
