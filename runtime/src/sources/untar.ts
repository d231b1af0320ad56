import { createGunzip } from 'node:zlib';
import type { ReadEntry } from 'tar';
import { SourceError } from './types.js';

/** The bounds a tarball must stay within while it is read; past any of them it is refused. */
export interface TarballLimits {
  /** The most all entries may unpack to, together. */
  maxUnpackedBytes: number;
  /** The most one entry may declare, wanted or not. */
  maxEntryBytes: number;
  maxEntries: number;
  /** The most the tarball may grow by when gunzipped, checked once `ratioFloorBytes` are out. */
  maxRatio: number;
  ratioFloorBytes: number;
}

const MiB = 1024 * 1024;

/**
 * Far beyond any connector package (a manifest, one bundle, a README, an icon: a few MiB), small
 * enough that a hostile tarball costs well under a second and never more memory than the files
 * asked for. Real npm tarballs gunzip 3–20×; only long runs of one byte reach 200×.
 */
export const TARBALL_LIMITS: Readonly<TarballLimits> = Object.freeze({
  maxUnpackedBytes: 128 * MiB,
  maxEntryBytes: 64 * MiB,
  maxEntries: 10_000,
  maxRatio: 200,
  ratioFloorBytes: MiB,
});

const GZIP_MAGIC = [0x1f, 0x8b];
const ZSTD_MAGIC = [0x28, 0xb5, 0x2f, 0xfd];
const HINT = 'Nothing of it was used or stored. Ask the publisher to publish a fixed version.';

/**
 * Reads the named files out of a gzipped npm tarball, in memory, within `limits`. `want` maps a
 * path below the top folder npm packs everything under (`package/`) to the most bytes that file
 * may have. Always settles: every damage (bad gzip, truncated archive, bad header) and every bound
 * passed rejects with a {@link SourceError}, and parsing stops there.
 * @example
 * const files = await readTarballFiles(bytes, 'x@1.0.0', new Map([['mova.manifest.json', 4 << 20]]));
 */
export async function readTarballFiles(
  bytes: Buffer,
  label: string,
  want: ReadonlyMap<string, number>,
  limits: TarballLimits = TARBALL_LIMITS,
): Promise<Map<string, Buffer>> {
  // tar loads at the first tarball read, not with every run.
  const { Parser } = await import('tar');
  return new Promise((resolve, reject) => {
    const found = new Map<string, Buffer>();
    const unzip = createGunzip();
    let settled = false;
    let entries = 0;
    let unpacked = 0;
    let head: Buffer | undefined = Buffer.alloc(0);

    const settle = (error?: SourceError) => {
      if (settled) return;
      settled = true;
      if (error) {
        unzip.destroy();
        parser.abort(error);
        reject(error);
      } else resolve(found);
    };
    const fail = (message: string, hint = HINT) => settle(new SourceError(`the tarball of ${label} ${message}`, hint));

    const parser = new Parser({
      // Warnings (a bad header, a truncated archive) become errors: a damaged tarball is refused whole.
      strict: true,
      // npm packs with gzip only; never let the parser pick another decompressor from the bytes.
      brotli: false,
      zstd: false,
      filter: (path, entry) => {
        if (++entries > limits.maxEntries) fail(`holds more than ${limits.maxEntries} entries`);
        else if (entry.size > limits.maxEntryBytes) {
          fail(`holds ${path} of ${entry.size} bytes, more than the ${limits.maxEntryBytes} one entry may have`);
        }
        return !settled && want.has(below(path));
      },
      onReadEntry: (entry: ReadEntry) => {
        const name = below(entry.path);
        const limit = want.get(name) ?? 0;
        if (entry.type !== 'File') fail(`holds ${name} as a ${entry.type}, not a plain file`);
        else if (entry.size > limit) fail(`holds a ${name} of ${entry.size} bytes, more than the ${limit} allowed`);
        else if (found.has(name)) fail(`holds ${name} twice`);
        if (settled) {
          entry.resume();
          return;
        }
        const chunks: Buffer[] = [];
        entry.on('data', (chunk: Buffer) => chunks.push(chunk));
        entry.on('end', () => found.set(name, Buffer.concat(chunks)));
      },
    });
    parser.on('error', (error: Error) => fail(`is damaged: ${error.message}`));
    parser.on('abort', (error: Error) => fail(`is damaged: ${error.message}`));
    parser.on('end', () => settle());

    unzip.on('data', (chunk: Buffer) => {
      if (settled) return;
      unpacked += chunk.length;
      if (unpacked > limits.maxUnpackedBytes) {
        fail(`unpacks to more than ${limits.maxUnpackedBytes / MiB} MiB`, `${HINT} It may be a decompression bomb.`);
        return;
      }
      const ratio = unpacked / bytes.length;
      if (unpacked > limits.ratioFloorBytes && ratio > limits.maxRatio) {
        fail(
          `unpacks to more than ${limits.maxRatio} times its ${bytes.length} bytes`,
          `${HINT} It may be a decompression bomb.`,
        );
        return;
      }
      if (head) {
        // The parser sniffs its first bytes for compression; a gzip inside the gzip is a bomb's trick.
        head = Buffer.concat([head, chunk]);
        if (head.length < ZSTD_MAGIC.length) return;
        if (startsWith(head, GZIP_MAGIC) || startsWith(head, ZSTD_MAGIC)) {
          fail('is compressed twice');
          return;
        }
        chunk = head;
        head = undefined;
      }
      parser.write(chunk);
    });
    unzip.on('error', (error: Error) => fail(`is damaged: ${error.message}`));
    unzip.on('end', () => {
      if (settled) return;
      if (head) parser.write(head);
      parser.end();
      // The parser works synchronously on what it was given; if it has not finished now, it never will.
      setImmediate(() => fail('is damaged: it ends before its last entry'));
    });

    if (!startsWith(bytes, GZIP_MAGIC)) fail('is damaged: it is not gzip-compressed, as npm packs every tarball');
    else unzip.end(bytes);
  });
}

/** A tarball path relative to the top folder npm packs everything under (`package/`). */
function below(path: string): string {
  return path.replace(/^\.\//, '').split('/').slice(1).join('/');
}

function startsWith(bytes: Buffer, magic: number[]): boolean {
  return magic.every((byte, i) => bytes[i] === byte);
}
