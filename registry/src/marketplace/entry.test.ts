import { Auth, buildManifest, defineAction, defineConnector, Type } from '@mova/sdk';
import { describe, expect, it } from 'vitest';
import type { Packument } from '../verdaccio/types.js';
import { buildEntry } from './entry.js';
import type { ManifestFile } from './manifest-file.js';

const ping = defineAction({
  key: 'health.ping',
  title: 'Ping',
  description: 'Checks the service answers.',
  input: Type.Object({ target: Type.String({ description: 'Host to ping' }) }),
  output: Type.Object({ ok: Type.Boolean() }),
  examples: [{ input: { target: 'a' }, output: { ok: true } }],
  async run() {
    return { ok: true };
  },
});

const connector = defineConnector({
  name: 'pinger',
  title: 'Pinger',
  description: 'Pings things.',
  categories: ['developer-tools'],
  auth: Auth.none(),
  actions: [ping],
});

const NAME = '@acme/pinger';

function packument(latest: string, versions: Record<string, { deprecated?: string; publisher?: string }>): Packument {
  return {
    name: NAME,
    'dist-tags': { latest },
    time: Object.fromEntries(Object.keys(versions).map((v, i) => [v, `2026-01-0${i + 1}T00:00:00.000Z`])),
    versions: Object.fromEntries(
      Object.entries(versions).map(([version, extra]) => [
        version,
        {
          name: NAME,
          version,
          keywords: ['ping'],
          ...(extra.deprecated ? { deprecated: extra.deprecated } : {}),
          ...(extra.publisher ? { _npmUser: { name: extra.publisher } } : {}),
        },
      ]),
    ),
  };
}

const found = (version: string): ManifestFile => ({
  kind: 'found',
  manifest: buildManifest(connector, { name: NAME, version }),
  files: { readme: true, testFiles: false },
});

describe('buildEntry', () => {
  it('describes the package by its latest valid manifest, with every version newest first', () => {
    const entry = buildEntry(
      packument('1.10.0', { '1.2.0': { publisher: 'alice' }, '1.10.0': { publisher: 'bob', deprecated: 'use v2' } }),
      new Map([
        ['1.2.0', found('1.2.0')],
        ['1.10.0', found('1.10.0')],
      ]),
    );
    expect(entry).toMatchObject({
      name: NAME,
      connector: 'pinger',
      title: 'Pinger',
      authKind: 'none',
      keywords: ['ping'],
      latestVersion: '1.10.0',
      publisher: 'bob',
      deprecated: 'use v2',
      actions: [{ key: 'health.ping', title: 'Ping', description: 'Checks the service answers.' }],
    });
    expect(entry?.versions.map((v) => [v.version, v.publishedAt, v.publisher, v.valid])).toEqual([
      ['1.10.0', '2026-01-02T00:00:00.000Z', 'bob', true],
      ['1.2.0', '2026-01-01T00:00:00.000Z', 'alice', true],
    ]);
    expect(entry?.actions[0]?.input).toEqual(buildManifest(connector, { name: NAME, version: '1' }).actions[0]?.input);
  });

  it('keeps versions without a valid manifest, saying why', () => {
    const entry = buildEntry(
      packument('2.0.0', { '0.1.0': {}, '1.0.0': {}, '2.0.0': {} }),
      new Map<string, ManifestFile>([
        ['0.1.0', { kind: 'missing' }],
        ['1.0.0', found('0.9.0')],
        ['2.0.0', found('2.0.0')],
      ]),
    );
    const [, stale, missing] = entry?.versions ?? [];
    expect(stale).toMatchObject({
      valid: false,
      title: null,
      actions: [],
      issues: [{ pointer: '/version', message: 'says version 0.9.0 but was published as 1.0.0' }],
    });
    expect(missing).toMatchObject({ valid: false, issues: [{ message: 'the package has no mova.manifest.json' }] });
  });

  it('lists nothing when the latest version has no valid manifest', () => {
    const files = { readme: false, testFiles: false };
    const broken: ManifestFile = { kind: 'found', manifest: { name: 'pinger', actions: 'none' }, files };
    expect(buildEntry(packument('1.0.0', { '1.0.0': {} }), new Map([['1.0.0', broken]]))).toBeUndefined();
    const other: ManifestFile = {
      kind: 'found',
      manifest: buildManifest(connector, { name: '@x/y', version: '1.0.0' }),
      files,
    };
    expect(buildEntry(packument('1.0.0', { '1.0.0': {} }), new Map([['1.0.0', other]]))).toBeUndefined();
    const twoOk = new Map([['1.0.0', found('1.0.0')]]);
    expect(buildEntry(packument('1.1.0', { '1.0.0': {}, '1.1.0': {} }), twoOk)).toBeUndefined();
  });
});
