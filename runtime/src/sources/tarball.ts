import { createHash } from 'node:crypto';
import { MANIFEST_FILE } from '@mova/sdk';
import { Parser, type ReadEntry } from 'tar';
import { SourceError } from './types.js';

/** The npm integrity of some bytes: `sha512-<base64>`, as `dist.integrity` and lockfiles write it. */
export function sha512Integrity(bytes: Uint8Array): string {
  return `sha512-${createHash('sha512').update(bytes).digest('base64')}`;
}

/** A tarball whose bytes do not hash to the integrity it was pinned with. Nothing of it was used. */
export class IntegrityError extends SourceError {
  constructor(
    readonly packageName: string,
    readonly version: string,
    readonly expected: string,
    readonly actual: string,
    readonly url: string,
    pinnedBy: string,
    hint: string,
  ) {
    super(
      `refused ${packageName}@${version}: the tarball at ${url} hashes to ${actual}, but ${pinnedBy} pins ${expected}`,
      hint,
    );
    this.name = 'IntegrityError';
  }
}

/** What running a connector needs from its npm tarball. */
export interface TarballFiles {
  manifestBytes: Buffer;
  bundleBytes: Buffer;
}

const BUNDLE_PATH = 'dist/connector.mjs';
// Far beyond any real connector, small enough that a hostile tarball cannot fill memory.
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;
const MAX_BUNDLE_BYTES = 48 * 1024 * 1024;

/**
 * Reads `mova.manifest.json` and `dist/connector.mjs` out of a verified npm tarball, in memory.
 * npm packs everything under one top folder (`package/`), which is skipped as npm skips it.
 * Nothing is written to disk, so paths in the archive cannot reach outside the store.
 */
export function readConnectorTarball(bytes: Buffer, label: string): Promise<TarballFiles> {
  return new Promise((resolve, reject) => {
    const found = new Map<string, Buffer>();
    let failure: SourceError | undefined;
    const fail = (message: string, hint = 'Rebuild and publish the connector again.') => {
      failure ??= new SourceError(`the tarball of ${label} ${message}`, hint);
    };
    const parser = new Parser({
      filter: (path) => wanted(path) !== undefined,
      onReadEntry: (entry: ReadEntry) => {
        const name = wanted(entry.path);
        const limit = name === MANIFEST_FILE ? MAX_MANIFEST_BYTES : MAX_BUNDLE_BYTES;
        if (name === undefined || entry.type !== 'File' || entry.size > limit) {
          if (name !== undefined && entry.type !== 'File') fail(`holds ${name} as a ${entry.type}, not a plain file`);
          else if (name !== undefined) fail(`holds a ${name} of ${entry.size} bytes, more than the ${limit} allowed`);
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => found.set(name, Buffer.concat(chunks)));
      },
    });
    parser.on('warn', (code: string, message: string | Error) => {
      if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ABORT') fail(`is damaged: ${String(message)}`);
    });
    parser.on('error', (error: Error) => fail(`is damaged: ${error.message}`));
    parser.on('end', () => {
      const manifestBytes = found.get(MANIFEST_FILE);
      const bundleBytes = found.get(BUNDLE_PATH);
      if (failure) reject(failure);
      else if (!manifestBytes) {
        reject(
          new SourceError(
            `${label} is not a MOVA connector: its tarball has no ${MANIFEST_FILE}`,
            'Connectors are published after `mova-connector build`, which writes the manifest; check the package name.',
          ),
        );
      } else if (!bundleBytes) {
        reject(
          new SourceError(
            `${label} has no ${BUNDLE_PATH} in its tarball`,
            'Build the connector (mova-connector build) before publishing, and keep "dist" in its "files".',
          ),
        );
      } else resolve({ manifestBytes, bundleBytes });
    });
    parser.end(bytes);
  });
}

/** The file a tarball path holds, relative to the top folder, when it is one a connector needs. */
function wanted(path: string): string | undefined {
  const relative = path.replace(/^\.\//, '').split('/').slice(1).join('/');
  return relative === MANIFEST_FILE || relative === BUNDLE_PATH ? relative : undefined;
}
