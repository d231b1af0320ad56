import type { Readable } from 'node:stream';
import { type Issue, MANIFEST_FILE } from '@mova/sdk';
import { Parser, type ReadEntry } from 'tar';
import { type PackageFiles, PackageFilesSeen } from './package-files.js';

/** What a version's tarball holds at `package/mova.manifest.json` (and, beside it, for the quality score). */
export type ManifestFile =
  | {
      kind: 'found';
      manifest: unknown;
      files: PackageFiles;
      /** What validateManifest found wrong with it, once checked (checking 1,000 takes seconds). */
      issues?: Issue[];
    }
  | { kind: 'missing' }
  | { kind: 'unreadable'; reason: string };

// A manifest carries JSON Schemas for every action; 4 MiB is far beyond any real one and keeps a
// hostile tarball from filling memory.
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** npm packs every file under one top folder (`package/`); the manifest sits at that folder's root. */
function isRootManifest(path: string): boolean {
  const parts = path.replace(/^\.\//, '').split('/');
  return parts.length === 2 && parts[1] === MANIFEST_FILE;
}

/**
 * Reads the connector manifest out of an npm tarball stream (gzip or plain tar) without unpacking
 * anything to disk.
 */
export function readManifestFile(tarball: Readable): Promise<ManifestFile> {
  return new Promise((resolve) => {
    let result: ManifestFile = { kind: 'missing' };
    const seen = new PackageFilesSeen();
    let settled = false;
    const finish = (value: ManifestFile) => {
      if (settled) return;
      settled = true;
      resolve(value);
    };
    const parser = new Parser({
      filter: (path) => {
        seen.see(path);
        return isRootManifest(path);
      },
      onReadEntry: (entry: ReadEntry) => {
        if (entry.size > MAX_MANIFEST_BYTES) {
          result = { kind: 'unreadable', reason: `${MANIFEST_FILE} is larger than ${MAX_MANIFEST_BYTES} bytes` };
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          try {
            const manifest: unknown = JSON.parse(Buffer.concat(chunks).toString('utf8'));
            // Entries after the manifest are still to come; `seen` fills in until the archive ends.
            result = { kind: 'found', manifest, files: seen.files };
          } catch (error) {
            result = { kind: 'unreadable', reason: `${MANIFEST_FILE} is not valid JSON: ${(error as Error).message}` };
          }
        });
      },
    });
    // Bytes that are no tar archive at all only raise a warning; it is the last word on them.
    parser.on('warn', (code: string, message: string | Error) => {
      if (code === 'TAR_BAD_ARCHIVE')
        result = { kind: 'unreadable', reason: `the tarball is damaged: ${String(message)}` };
    });
    parser.on('end', () => finish(result));
    parser.on('error', (error: Error) =>
      finish({ kind: 'unreadable', reason: `the tarball is damaged: ${error.message}` }),
    );
    tarball.on('error', (error: Error) => {
      finish({ kind: 'unreadable', reason: `the tarball could not be read: ${error.message}` });
    });
    tarball.pipe(parser);
  });
}
