import { createHash } from 'node:crypto';
import { SourceError } from './types.js';

/**
 * The integrity of a connector version: sha512 over its manifest and bundle, each framed by name and
 * length so no two file sets hash alike. The same build gives the same integrity in every source.
 */
export function contentIntegrity(manifest: Uint8Array, bundle: Uint8Array): string {
  const hash = createHash('sha512');
  hash.update('mova-connector-content-v1\n');
  for (const [name, bytes] of [
    ['mova.manifest.json', manifest],
    ['connector.mjs', bundle],
  ] as const) {
    hash.update(`${name}\n${bytes.byteLength}\n`);
    hash.update(bytes);
  }
  return `sha512-${hash.digest('base64')}`;
}

/** `sha512-<base64>` as lower-case hex, for directory names. */
export function integrityHex(integrity: string): string {
  if (!integrity.startsWith('sha512-')) throw new Error(`not a sha512 integrity: ${integrity}`);
  return Buffer.from(integrity.slice('sha512-'.length), 'base64').toString('hex');
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
