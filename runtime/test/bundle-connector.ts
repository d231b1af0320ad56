import { fileURLToPath, pathToFileURL } from 'node:url';
import { type Connector, isConnector } from '@mova/sdk';
import { build } from 'esbuild';

/**
 * Bundles a fixture connector as `mova-connector build` does (one ESM file with the SDK inlined and
 * a `require` for CommonJS dependencies) and returns its default export, checked to be a connector.
 * `source` is resolved from this folder.
 */
export async function bundleConnector(
  from: { entry: string } | { source: string },
  outfile: string,
): Promise<Connector> {
  await build({
    ...('entry' in from
      ? { entryPoints: [from.entry] }
      : {
          stdin: {
            contents: from.source,
            resolveDir: fileURLToPath(new URL('.', import.meta.url)),
            sourcefile: 'connector.mjs',
            loader: 'js' as const,
          },
        }),
    outfile,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    logLevel: 'silent',
    banner: {
      js: "import { createRequire as __movaCreateRequire } from 'node:module'; const require = __movaCreateRequire(import.meta.url);",
    },
  });
  const connector: unknown = (await import(pathToFileURL(outfile).href)).default;
  if (!isConnector(connector)) throw new Error(`${outfile} does not export a connector`);
  return connector;
}
