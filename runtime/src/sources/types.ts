import { type Manifest, MovaError } from '@mova/sdk/host';

/** One version of a connector, ready to run: its manifest, its single-file bundle and their integrity. */
export interface ConnectorPackage {
  /** npm package name, e.g. `@mova/connector-github`. */
  package: string;
  version: string;
  manifest: Manifest;
  /** Absolute path of the bundle (`connector.mjs`) the host loads. */
  bundlePath: string;
  /** `sha512-<base64>` over the manifest and the bundle (see `contentIntegrity`). */
  integrity: string;
  /** Which source supplied it, for messages. */
  source: string;
}

/**
 * Where connector versions come from. Everything is async and takes a signal, so a registry-backed
 * source (packuments, tarball download into the content store) fits without changes in callers.
 */
export interface ConnectorSource {
  /** Shown in messages: `workspace /work/main/connectors`. */
  readonly label: string;
  /** Every version of a package this source has; empty when it has none. */
  versions(packageName: string, options?: { signal?: AbortSignal }): Promise<string[]>;
  /** One version; rejects with a SourceError when it is missing, broken or fails its integrity check. */
  fetch(packageName: string, version: string, options?: { signal?: AbortSignal }): Promise<ConnectorPackage>;
  /** The packages it holds, for "did you mean" hints; sources that cannot list cheaply leave it out. */
  packages?(options?: { signal?: AbortSignal }): Promise<string[]>;
}

/** A source could not supply a connector version. */
export class SourceError extends MovaError {
  declare readonly hint: string;
  constructor(message: string, hint: string, options?: ErrorOptions) {
    super('E_SOURCE', message, hint, options);
  }
}
