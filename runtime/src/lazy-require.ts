import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);

/**
 * A CommonJS package loaded at the first call rather than with the module that uses it, for
 * packages only some runs need (a one-step run must not pay for a registry client's or a
 * validator's dependencies). Synchronous, so it fits code that cannot await an `import()`.
 * @example
 * const pickManifest = lazyRequire<typeof pickManifestFn>('npm-pick-manifest');
 * pickManifest()(packument, '^1');
 */
export function lazyRequire<T>(id: string): () => T {
  let loaded: { value: T } | undefined;
  return () => {
    loaded ??= { value: require(id) as T };
    return loaded.value;
  };
}
