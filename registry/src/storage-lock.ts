import lockfile from 'proper-lockfile';
import { RegistryError } from './errors.js';

/**
 * Holds the data dir for this registry alone: two Verdaccios over one storage race on every write,
 * and the start-up repair may only clear locks nobody holds. A registry killed with -9 leaves a lock
 * that goes stale in seconds, so a restart waits for it rather than failing.
 */
export async function holdStorage(dataDir: string): Promise<() => Promise<void>> {
  try {
    return await lockfile.lock(dataDir, {
      lockfilePath: `${dataDir}/registry.lock`,
      stale: 3_000,
      update: 1_000,
      retries: { retries: 5, factor: 1, minTimeout: 1_000, maxTimeout: 1_000 },
      onCompromised: (error) =>
        process.emitWarning(`the registry lost its hold on ${dataDir}: ${error.message}`, 'MovaRegistryWarning'),
    });
  } catch (error) {
    throw new RegistryError(
      'E_REGISTRY_STORAGE_BUSY',
      `another registry is using ${dataDir}`,
      'Stop it first, or give this one another data dir (--storage).',
      { cause: error },
    );
  }
}
