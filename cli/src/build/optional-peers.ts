import { readFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Plugin } from 'esbuild';

/**
 * Leaves a missing import as a runtime `require` when the importing package declares it an optional
 * peer or optional dependency (pg's `pg-native`, ws's `bufferutil`): such packages load it inside a
 * try and work without it, but a bundler cannot know that and would fail the build.
 */
export function optionalPeers(): Plugin {
  return {
    name: 'mova-optional-peers',
    setup(build) {
      build.onResolve({ filter: /^[^./]/ }, async (args) => {
        if (args.pluginData === SELF || !args.importer) return undefined;
        const result = await build.resolve(args.path, {
          kind: args.kind,
          importer: args.importer,
          resolveDir: args.resolveDir,
          pluginData: SELF,
        });
        if (result.errors.length === 0) return result;
        const optional = await optionalOf(args.importer);
        // Otherwise esbuild resolves it again itself: that keeps its own leniency for a require
        // inside try/catch, which becomes a warning rather than an error.
        return optional.has(packageName(args.path)) ? { path: args.path, external: true } : undefined;
      });
    },
  };
}

const SELF = Symbol('mova-optional-peers');
const cache = new Map<string, Promise<Set<string>>>();

/** The optional peers and optional dependencies of the package that holds `file`. */
function optionalOf(file: string): Promise<Set<string>> {
  const dir = dirname(file);
  let found = cache.get(dir);
  if (!found) {
    found = readOptional(dir);
    cache.set(dir, found);
  }
  return found;
}

async function readOptional(dir: string): Promise<Set<string>> {
  for (let at = dir; ; at = dirname(at)) {
    const pkg = await readFile(join(at, 'package.json'), 'utf8').then(
      (text) => JSON.parse(text) as PackageJson,
      () => undefined,
    );
    if (pkg?.name) {
      const peers = Object.entries(pkg.peerDependenciesMeta ?? {})
        .filter(([, meta]) => meta.optional)
        .map(([name]) => name);
      return new Set([...peers, ...Object.keys(pkg.optionalDependencies ?? {})]);
    }
    if (dirname(at) === at) return new Set();
  }
}

interface PackageJson {
  name?: string;
  peerDependenciesMeta?: Record<string, { optional?: boolean }>;
  optionalDependencies?: Record<string, string>;
}

function packageName(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
