import type SemVer from 'semver';
import { lazyRequire } from './lazy-require.js';

/**
 * semver (CommonJS, ~50 files), loaded at its first use: only workflows with connector steps and
 * runs that resume or read a lockfile need it, and a one-step `set` run starts without it.
 */
export const semver = lazyRequire<typeof SemVer>('semver');
