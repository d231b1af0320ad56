import type { Readable } from 'node:stream';
import type { Packument, VerdaccioStorage } from './types.js';

/** The packages this registry holds itself (never its uplink's), read through Verdaccio's storage. */
export interface PackageSource {
  names(): Promise<string[]>;
  /** The package document, or undefined when the registry does not hold the package. */
  packument(name: string): Promise<Packument | undefined>;
  tarball(name: string, filename: string): Readable;
}

export function packageSource(storage: VerdaccioStorage): PackageSource {
  return {
    // Not getLocalDatabase: it reads every package document, one after another, for its latest
    // version, and a start then reads each again for the index (a third of a cached start).
    names: () =>
      new Promise((resolve, reject) => {
        storage.localStorage.storagePlugin.get((error, names) => {
          if (error) reject(error);
          else resolve([...(names ?? [])]);
        });
      }),
    packument: (name) =>
      new Promise((resolve, reject) => {
        storage.getPackage({
          name,
          uplinksLook: false,
          callback: (error, packument) => {
            if (error?.status === 404) resolve(undefined);
            else if (error) reject(error);
            else resolve(packument);
          },
        });
      }),
    tarball: (name, filename) => storage.getTarball(name, filename),
  };
}
