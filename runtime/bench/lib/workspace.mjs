import { cp, mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { buildManifest, isConnector, MANIFEST_FILE } from '@mova/sdk';
import { build } from 'esbuild';

const NOOP_SOURCE = fileURLToPath(new URL('../fixtures/noop/index.mjs', import.meta.url));
const TINY_BUNDLE = fileURLToPath(new URL('../fixtures/tiny/connector.mjs', import.meta.url));
const PACKAGE = { name: '@mova/connector-noop', version: '1.0.0' };

/**
 * A throw-away workspace of connectors under the system temp folder: the no-op connector bundled as
 * `mova-connector build` bundles (same esbuild options), its manifest from the SDK's buildManifest,
 * and the plain tiny bundle beside it. Also the folder for the file run stores.
 */
export async function createWorkspace() {
  const root = await mkdtemp(join(tmpdir(), 'mova-bench-'));
  const dir = join(root, 'connectors', 'noop');
  const bundle = join(dir, 'dist', 'connector.mjs');
  await mkdir(join(dir, 'dist'), { recursive: true });
  await build({
    entryPoints: [NOOP_SOURCE],
    outfile: bundle,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    legalComments: 'none',
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __movaCreateRequire } from 'node:module'; const require = __movaCreateRequire(import.meta.url);",
    },
  });
  const connector = (await import(pathToFileURL(bundle).href)).default;
  if (!isConnector(connector)) throw new Error(`${bundle} does not export a connector`);
  const manifest = buildManifest(connector, PACKAGE);
  await writeFile(join(dir, 'package.json'), `${JSON.stringify({ ...PACKAGE, type: 'module' }, null, 2)}\n`);
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  const tinyDir = join(root, 'tiny');
  await mkdir(tinyDir);
  await cp(TINY_BUNDLE, join(tinyDir, 'connector.mjs'));
  return {
    root,
    connectors: join(root, 'connectors'),
    manifest,
    noopBundle: bundle,
    tinyBundle: join(tinyDir, 'connector.mjs'),
    dataDir: (name) => join(root, 'data', name),
    remove: () => rm(root, { recursive: true, force: true }),
  };
}
