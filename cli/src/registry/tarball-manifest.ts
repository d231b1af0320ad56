import { MANIFEST_FILE } from '@mova/sdk';
import { Parser, type ReadEntry } from 'tar';
import { UserError } from '../user-error.js';

// Far beyond any real manifest; keeps a hostile tarball from filling memory.
const MAX_MANIFEST_BYTES = 4 * 1024 * 1024;

/** npm packs every file under one top folder (`package/`); the manifest sits at its root. */
function isRootManifest(path: string): boolean {
  const parts = path.replace(/^\.\//, '').split('/');
  return parts.length === 2 && parts[1] === MANIFEST_FILE;
}

/**
 * Reads `mova.manifest.json` out of an npm tarball in memory (nothing is unpacked to disk), parsed
 * but not validated; undefined when the package carries none.
 */
export function readManifestFromTarball(bytes: Buffer, label: string): Promise<unknown> {
  return new Promise((resolve, reject) => {
    let text: string | undefined;
    let failure: string | undefined;
    const parser = new Parser({
      filter: (path) => isRootManifest(path),
      onReadEntry: (entry: ReadEntry) => {
        if (entry.type !== 'File' || entry.size > MAX_MANIFEST_BYTES) {
          failure = `holds a ${MANIFEST_FILE} that is not a plain file under ${MAX_MANIFEST_BYTES} bytes`;
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => {
          text = Buffer.concat(chunks).toString('utf8');
        });
      },
    });
    parser.on('warn', (code: string, message: string | Error) => {
      if (code === 'TAR_BAD_ARCHIVE' || code === 'TAR_ABORT') failure = `is damaged: ${String(message)}`;
    });
    parser.on('error', (error: Error) => {
      failure = `is damaged: ${error.message}`;
    });
    // A stream cut short ends with neither 'end' nor 'error' (tar only warns): settle once, whatever comes.
    let settled = false;
    const finish = () => {
      if (settled) return;
      settled = true;
      if (failure) {
        reject(new UserError(`the tarball of ${label} ${failure}`, 'Ask the publisher to publish it again.', 1));
        return;
      }
      if (text === undefined) {
        resolve(undefined);
        return;
      }
      try {
        resolve(JSON.parse(text));
      } catch (error) {
        reject(
          new UserError(
            `the ${MANIFEST_FILE} of ${label} is not JSON: ${(error as Error).message}`,
            'Ask the publisher to publish a fixed version.',
            1,
          ),
        );
      }
    };
    parser.on('end', finish);
    parser.on('close', finish);
    parser.end(bytes);
    // Parsing a buffer in memory is done within the tick: when nothing settled it, the archive stopped early.
    setImmediate(() => {
      if (settled) return;
      failure ??= 'is damaged: it ends in the middle of an entry';
      finish();
    });
  });
}
