/**
 * `@mova/runtime/lockfile`: for tools that install, upgrade or inspect connectors: `mova.lock.json`
 * reading and editing, lock entries, the resolvers (by range, locked, pinned), integrity digests and
 * the bounded tarball reader. Running with a lockfile needs none of it: `createRuntime({ lockfile })`.
 */
export { PinnedResolver } from './executor/resume.js';
export { contentIntegrity, integrityHex } from './sources/integrity.js';
export { connectorShortName, findLocked, type LockedMatch, lockedRanges, lockRange } from './sources/lock-entries.js';
export { LockedResolver, type LockedResolverOptions } from './sources/locked-resolver.js';
export {
  checkLockfile,
  emptyLockfile,
  formatLockfile,
  LOCKFILE_NAME,
  LOCKFILE_VERSION,
  type LockedVersion,
  type Lockfile,
  parseLockfile,
  readLockfile,
  updateLockfile,
  writeLockfile,
} from './sources/lockfile.js';
export { Resolver } from './sources/resolver.js';
export { sha512Integrity } from './sources/tarball.js';
export { readTarballFiles, TARBALL_LIMITS, type TarballLimits } from './sources/untar.js';
