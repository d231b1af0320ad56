import { cp, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import * as reading from './read-connector.js';
import { WorkspaceSource } from './workspace-source.js';

vi.mock('./read-connector.js', async (original) => {
  const actual = await original<typeof import('./read-connector.js')>();
  return { ...actual, readConnector: vi.fn(actual.readConnector) };
});

const ECHO = fileURLToPath(new URL('../../test/fixtures/connectors/echo-1.0.0', import.meta.url));
const NAME = '@mova/connector-echo';

describe('WorkspaceSource', () => {
  let root: string;
  let source: WorkspaceSource;
  beforeEach(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-workspace-'));
    await cp(ECHO, join(root, 'echo'), { recursive: true });
    source = new WorkspaceSource(root);
    vi.mocked(reading.readConnector).mockClear();
  });
  afterEach(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it('reads a build once while its files are unchanged, and hands out copies of the manifest', async () => {
    const first = await source.fetch(NAME, '1.0.0');
    first.manifest.title = 'changed by a caller';
    const second = await source.fetch(NAME, '1.0.0');
    expect(second.integrity).toBe(first.integrity);
    expect(second.manifest.title).not.toBe('changed by a caller');
    expect(reading.readConnector).toHaveBeenCalledTimes(1);
  });

  it('sees a rebuilt bundle at once: a new integrity', async () => {
    const before = await source.fetch(NAME, '1.0.0');
    const bundle = join(root, 'echo', 'dist', 'connector.mjs');
    // As `mova-connector build` writes it: a finished file renamed over the old one.
    await writeFile(`${bundle}.tmp`, `${await readFile(bundle, 'utf8')}\n// rebuilt\n`);
    await rename(`${bundle}.tmp`, bundle);
    const after = await source.fetch(NAME, '1.0.0');
    expect(after.integrity).not.toBe(before.integrity);
    expect(reading.readConnector).toHaveBeenCalledTimes(2);
  });

  it('sees a new version and a removed package', async () => {
    expect(await source.versions(NAME)).toEqual(['1.0.0']);
    const manifestPath = join(root, 'echo', 'mova.manifest.json');
    const manifest = JSON.parse(await readFile(manifestPath, 'utf8'));
    await writeFile(manifestPath, JSON.stringify({ ...manifest, version: '1.0.1' }));
    expect(await source.versions(NAME)).toEqual(['1.0.1']);
    await rm(manifestPath);
    expect(await source.packages()).toEqual([]);
  });
});
