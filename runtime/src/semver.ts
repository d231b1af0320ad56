import { createRequire } from 'node:module';
import type SemVer from 'semver';

const require = createRequire(import.meta.url);
let loaded: typeof SemVer | undefined;

/**
 * semver (CommonJS, ~50 files), loaded at its first use: only workflows with connector steps and
 * runs that resume or read a lockfile need it, and a one-step `set` run starts without it.
 */
export function semver(): typeof SemVer {
  loaded ??= require('semver') as typeof SemVer;
  return loaded;
}
