import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * The entry script of a tool the package itself depends on (or a folder above it, as in a
 * workspace), never a download: `vitest`'s `vitest.mjs`, `typescript`'s `bin/tsc`. Undefined when
 * the package cannot resolve it.
 */
export function packageTool(dir: string, name: string, bin: string): string | undefined {
  const require = createRequire(join(dir, 'package.json'));
  try {
    const manifest = require.resolve(`${name}/package.json`);
    const pkg = require(manifest) as { bin?: string | Record<string, string> };
    const entry = typeof pkg.bin === 'string' ? pkg.bin : pkg.bin?.[bin];
    return entry === undefined ? undefined : join(dirname(manifest), entry);
  } catch {
    return undefined;
  }
}
