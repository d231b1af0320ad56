import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { CONNECTOR_ENTRIES as CONNECTOR, connectorTarball, END, entry, gzipBomb } from '../../test/tarballs.js';
import { readConnectorTarball } from './tarball.js';
import { SourceError } from './types.js';
import { readTarballFiles, TARBALL_LIMITS } from './untar.js';

const MiB = 1024 * 1024;
const good = () => connectorTarball();

const settleWithin = async (promise: Promise<unknown>, ms: number) => {
  const started = performance.now();
  const outcome = await Promise.race([
    promise.then(
      () => 'resolved',
      (error: unknown) => error,
    ),
    new Promise((resolve) => setTimeout(() => resolve('did not settle'), ms)),
  ]);
  return { outcome, ms: performance.now() - started };
};

describe('readTarballFiles refuses bombs and damage, and always settles', () => {
  it('reads a plain connector tarball', async () => {
    const files = await readConnectorTarball(good(), 'x@1.0.0');
    expect(files.manifestBytes.toString()).toBe('{"a":1}');
  });

  it('refuses a 1 GiB gzip bomb of 1 MiB on disk by the total it unpacks to, at once', async () => {
    const bomb = gzipBomb(1024 * MiB, 16 * MiB);
    expect(bomb.length).toBeLessThan(1.1 * MiB);
    const { outcome, ms } = await settleWithin(readConnectorTarball(bomb, 'x@1.0.0'), 20_000);
    expect(outcome).toBeInstanceOf(SourceError);
    expect((outcome as Error).message).toBe('the tarball of x@1.0.0 unpacks to more than 128 MiB');
    expect((outcome as SourceError).hint).toMatch(/decompression bomb/);
    // ~0.5 s on a quiet machine: it stops at 128 MiB, an eighth of the bomb.
    expect(ms).toBeLessThan(15_000);
  });

  it('refuses a smaller bomb by its ratio, long before the total', async () => {
    const bomb = gzipBomb(256 * MiB, 16 * MiB);
    const { outcome, ms } = await settleWithin(readConnectorTarball(bomb, 'x@1.0.0'), 20_000);
    expect((outcome as Error).message).toBe(
      `the tarball of x@1.0.0 unpacks to more than 200 times its ${bomb.length} bytes`,
    );
    expect(ms).toBeLessThan(10_000);
  });

  it('refuses one huge entry by the size its header declares, before unpacking it', async () => {
    const bomb = gzipBomb(1024 * MiB, 1024 * MiB, 'package/dist/connector.mjs');
    const { outcome, ms } = await settleWithin(readConnectorTarball(bomb, 'x@1.0.0'), 20_000);
    expect((outcome as Error).message).toBe(
      `the tarball of x@1.0.0 holds package/dist/connector.mjs-0 of ${1024 * MiB} bytes, more than the ${64 * MiB} one entry may have`,
    );
    expect(ms).toBeLessThan(5_000);
  });

  it('refuses past the total unpacked size, whatever the ratio', async () => {
    const limits = { ...TARBALL_LIMITS, maxUnpackedBytes: 2 * MiB, maxRatio: Number.POSITIVE_INFINITY };
    const bytes = gzipSync(Buffer.concat([...CONNECTOR, entry('package/big.bin', Buffer.alloc(3 * MiB, 7)), END]));
    await expect(readTarballFiles(bytes, 'x@1.0.0', new Map(), limits)).rejects.toThrow(
      'the tarball of x@1.0.0 unpacks to more than 2 MiB',
    );
  });

  it('refuses an entry declared larger than any entry may be, wanted or not', async () => {
    const limits = { ...TARBALL_LIMITS, maxEntryBytes: MiB };
    const bytes = gzipSync(Buffer.concat([entry('package/other.bin', Buffer.alloc(MiB + 1)), END]));
    await expect(readTarballFiles(bytes, 'x@1.0.0', new Map(), limits)).rejects.toThrow(
      `the tarball of x@1.0.0 holds package/other.bin of ${MiB + 1} bytes, more than the ${MiB} one entry may have`,
    );
  });

  it('refuses too many entries', async () => {
    const limits = { ...TARBALL_LIMITS, maxEntries: 3 };
    const bytes = gzipSync(Buffer.concat([...CONNECTOR, entry('package/a', 'a'), END]));
    await expect(readTarballFiles(bytes, 'x@1.0.0', new Map(), limits)).rejects.toThrow(
      'the tarball of x@1.0.0 holds more than 3 entries',
    );
  });

  it('refuses a gzip inside the gzip (which the parser would unpack again, unbounded)', async () => {
    await expect(readConnectorTarball(gzipSync(good()), 'x@1.0.0')).rejects.toThrow(
      'the tarball of x@1.0.0 is compressed twice',
    );
  });

  it('refuses a file the archive holds twice, so no reader can see another one than the runtime', async () => {
    const bytes = gzipSync(Buffer.concat([...CONNECTOR, entry('package/mova.manifest.json', '{"b":2}'), END]));
    await expect(readConnectorTarball(bytes, 'x@1.0.0')).rejects.toThrow(
      'the tarball of x@1.0.0 holds mova.manifest.json twice',
    );
  });

  it('settles on a tarball cut anywhere, in its gzip stream or inside its archive', async () => {
    const bytes = good();
    for (let cut = 1; cut < bytes.length; cut += 7) {
      const { outcome } = await settleWithin(readConnectorTarball(bytes.subarray(0, cut), 'x@1.0.0'), 10_000);
      expect(outcome, `cut at ${cut}`).toBeInstanceOf(SourceError);
    }
    const raw = Buffer.concat([...CONNECTOR]);
    // A whole gzip stream of an archive that stops inside the bundle's body.
    const inside = gzipSync(raw.subarray(0, raw.length - 300));
    const { outcome } = await settleWithin(readConnectorTarball(inside, 'x@1.0.0'), 10_000);
    expect((outcome as Error).message).toMatch(/^the tarball of x@1\.0\.0 is damaged: .*Truncated input/);
  });

  it('refuses a damaged header', async () => {
    const raw = Buffer.concat([...CONNECTOR, END]);
    raw.writeUInt8(raw.readUInt8(1030) ^ 0xff, 1030); // inside the manifest's header: its checksum no longer matches
    await expect(readConnectorTarball(gzipSync(raw), 'x@1.0.0')).rejects.toThrow(
      /^the tarball of x@1\.0\.0 is damaged: /,
    );
  });
});
