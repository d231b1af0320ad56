import { gzipSync } from 'node:zlib';
import { Header } from 'tar';

const MiB = 1024 * 1024;

/** One tar entry: its 512-byte header (declaring `size`), then `body` padded to a whole block. */
export function entry(path: string, body: Buffer | string, size = Buffer.byteLength(body)): Buffer {
  const header = Buffer.alloc(512);
  new Header({ path, size, type: 'File', mode: 0o644, mtime: new Date(0), uid: 0, gid: 0 }).encode(header);
  const data = Buffer.from(body);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

/** The two zero blocks that end a tar archive. */
export const END = Buffer.alloc(1024);

/** The entries of a small connector package, as npm packs them under `package/`. */
export const CONNECTOR_ENTRIES: readonly Buffer[] = [
  entry('package/package.json', '{"name":"x","version":"1.0.0"}'),
  entry('package/mova.manifest.json', '{"a":1}'),
  entry('package/dist/connector.mjs', 'export default {};'),
];

/** A whole, well-formed connector tarball. */
export function connectorTarball(): Buffer {
  return gzipSync(Buffer.concat([...CONNECTOR_ENTRIES, END]));
}

/**
 * A gzip bomb as small on disk as gzip allows (~1 KiB per MiB): a real connector, then entries of
 * `each` zero bytes up to `total`. gzip members may follow one another, so one compressed block of
 * zeros is repeated rather than compressing the whole size here.
 */
export function gzipBomb(total: number, each = total, path = 'package/README'): Buffer {
  const block = 16 * MiB;
  const zeros = gzipSync(Buffer.alloc(block), { level: 9 });
  const members: Buffer[] = [gzipSync(Buffer.concat(CONNECTOR_ENTRIES))];
  for (let i = 0; i < total / each; i++) {
    members.push(gzipSync(entry(`${path}-${i}`, '', each)));
    for (let j = 0; j < each / block; j++) members.push(zeros);
  }
  members.push(gzipSync(END));
  return Buffer.concat(members);
}
