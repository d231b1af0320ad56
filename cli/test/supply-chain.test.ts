import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { RunRecord } from '@mova/runtime';
import { sha512Integrity } from '@mova/runtime/lockfile';
import { buildManifest, type Connector } from '@mova/sdk';
import { Header } from 'tar';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { cli } from './cli.js';
import { addUser, jsonOf, type RegistrySandbox, registrySandbox } from './registry-support.js';

const MiB = 1024 * 1024;
const NAME = '@evil/connector-bomb';

/** One tar entry: its 512-byte header (declaring `size`), then `body` padded to a whole block. */
function entry(path: string, body: string, size = Buffer.byteLength(body)): Buffer {
  const header = Buffer.alloc(512);
  new Header({ path, size, type: 'File', mode: 0o644, mtime: new Date(0), uid: 0, gid: 0 }).encode(header);
  const data = Buffer.from(body);
  return Buffer.concat([header, data, Buffer.alloc((512 - (data.length % 512)) % 512)]);
}

function packageEntries(version: string): Buffer[] {
  return [
    entry('package/package.json', JSON.stringify({ name: NAME, version, keywords: ['mova-connector'] })),
    entry('package/mova.manifest.json', '{}'),
    entry('package/dist/connector.mjs', 'export default {};'),
  ];
}

/**
 * A gzip bomb small on disk (~1 KiB per MiB it unpacks to): a package, then `total` zero bytes in
 * entries of 16 MiB. One compressed block of zeros is repeated as gzip members.
 */
function gzipBomb(version: string, total: number): Buffer {
  const block = 16 * MiB;
  const zeros = gzipSync(Buffer.alloc(block), { level: 9 });
  const members = [gzipSync(Buffer.concat(packageEntries(version)))];
  for (let i = 0; i < total / block; i++) members.push(gzipSync(entry(`package/README-${i}`, '', block)), zeros);
  members.push(gzipSync(Buffer.alloc(1024)));
  return Buffer.concat(members);
}

/** A well-formed package tarball with its last `cut` bytes gone (a download or mirror that stopped short). */
function truncated(version: string, cut = 20): Buffer {
  const whole = gzipSync(Buffer.concat([...packageEntries(version), Buffer.alloc(1024)]));
  return whole.subarray(0, whole.length - cut);
}

/** Publishes `tarball` as `version` the way `npm publish` does (libnpmpublish's body), bytes untouched. */
async function publishRaw(sandbox: RegistrySandbox, token: string, version: string, tarball: Buffer): Promise<void> {
  const filename = `connector-bomb-${version}.tgz`;
  const body = {
    _id: NAME,
    name: NAME,
    'dist-tags': { latest: version },
    versions: {
      [version]: {
        name: NAME,
        version,
        keywords: ['mova-connector'],
        _id: `${NAME}@${version}`,
        dist: {
          integrity: sha512Integrity(tarball),
          tarball: `${sandbox.registry.url}${NAME}/-/${filename}`,
        },
      },
    },
    _attachments: {
      [filename]: {
        content_type: 'application/octet-stream',
        data: tarball.toString('base64'),
        length: tarball.length,
      },
    },
  };
  const response = await fetch(new URL(`@evil%2fconnector-bomb`, sandbox.registry.url), {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
    body: JSON.stringify(body),
    signal: AbortSignal.timeout(30_000),
  });
  if (!response.ok) throw new Error(`publish ${version}: ${response.status} ${await response.text()}`);
}

// The tarball reader is the first thing that reads a published package's bytes after their
// digest: a bomb or a tarball cut short must be refused there, at once, with nothing stored.
describe('a published gzip bomb or damaged tarball: `mova-connector install` refuses it at once', () => {
  let sandbox: RegistrySandbox;
  let project: string;
  /** What an install that is refused at once (an unknown package) takes on this machine now. */
  let baselineMs = 0;

  beforeAll(async () => {
    sandbox = await registrySandbox('supply', []);
    const token = await addUser(sandbox.registry, 'evil');
    await publishRaw(sandbox, token, '1.0.0', truncated('1.0.0'));
    await publishRaw(sandbox, token, '2.0.0', gzipBomb('2.0.0', 1024 * MiB));
    project = join(sandbox.root, 'project');
    await mkdir(project);
    await writeFile(join(project, 'placeholder.txt'), '');
    const unknown = await sandbox.runIn(project, ['install', '@evil/connector-none@1.0.0'], {
      MOVA_REGISTRY: sandbox.registry.url,
    });
    expect(unknown.code, unknown.stderr).toBe(1);
    baselineMs = unknown.ms;
  }, 120_000);
  afterAll(async () => {
    await sandbox?.close();
  });

  it.each([
    ['a tarball cut short', '1.0.0', 'is damaged: unexpected end of file'],
    ['a 1 GiB gzip bomb of 1 MiB', '2.0.0', 'unpacks to more than 128 MiB'],
  ])(
    '%s: exits 1 within seconds, says why, locks and stores nothing',
    async (_, version, reason) => {
      const result = await sandbox.runIn(project, ['install', `${NAME}@${version}`], {
        MOVA_REGISTRY: sandbox.registry.url,
      });
      expect(result.code, result.stderr).toBe(1);
      expect(result.stderr).toContain(`the tarball of ${NAME}@${version} ${reason}`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
      // Before, the reader never settled and install hung; now it takes what any refused install takes.
      expect(result.ms).toBeLessThan(baselineMs + 10_000);
      expect(await readdir(project)).toEqual(['placeholder.txt']);
    },
    90_000,
  );
});

/** A connector whose one action reads `dist/loot/key` beside its bundle, and says what it got. */
const LOOTER = `import { readFileSync } from 'node:fs';
export default {
  kind: 'mova.connector',
  apiVersion: 1,
  name: 'looter',
  title: 'Looter',
  description: 'Reads a file beside its bundle',
  categories: ['developer-tools'],
  auth: { kind: 'none', schema: { type: 'object', properties: {}, additionalProperties: false } },
  actions: [{
    key: 'loot.read',
    title: 'Read',
    description: 'Reads dist/loot/key',
    input: { type: 'object', properties: {} },
    output: { type: 'object', properties: { outcome: { type: 'string' } }, required: ['outcome'] },
    examples: [],
    async run() {
      try {
        return { outcome: 'read: ' + readFileSync(new URL('./loot/key', import.meta.url), 'utf8') };
      } catch (error) {
        return { outcome: 'threw: ' + (error.code ?? error.message) };
      }
    },
  }],
  triggers: [],
  network: { allow: [] },
};
`;
const KEY = 'PRIVATE-KEY-of-the-user-4711';

// An author (or a user who cloned someone's connector) runs a local folder with `run --connector`.
// A link in it must not hand the connector, or the runtime reading it, a file from elsewhere.
describe('`mova-connector run --connector` refuses a connector folder with a link out of it', () => {
  let root: string;
  let outside: string;
  let looter: string;

  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'mova-cli-links-'));
    outside = join(root, 'home');
    looter = join(root, 'looter');
    await mkdir(outside);
    await writeFile(join(outside, 'id_rsa'), KEY);
    await mkdir(join(looter, 'dist', 'loot'), { recursive: true });
    await writeFile(
      join(looter, 'package.json'),
      JSON.stringify({ name: '@evil/connector-looter', version: '1.0.0', type: 'module' }),
    );
    await writeFile(join(looter, 'dist', 'connector.mjs'), LOOTER);
    const bundle = (await import(join(looter, 'dist', 'connector.mjs'))).default as Connector;
    const manifest = buildManifest(bundle, { name: '@evil/connector-looter', version: '1.0.0' });
    await writeFile(join(looter, 'mova.manifest.json'), JSON.stringify(manifest, null, 2));
    await symlink(join(outside, 'id_rsa'), join(looter, 'dist', 'loot', 'key'));
    await writeFile(
      join(root, 'loot.json'),
      JSON.stringify({
        mova: '1.0',
        name: 'loot',
        steps: [{ id: 'read', uses: '@evil/connector-looter/loot.read@1' }],
      }),
    );
  });
  afterAll(async () => {
    await rm(root, { recursive: true, force: true });
  });

  it.each(['strict', 'weak'])(
    'MOVA_SANDBOX=%s: refused before anything runs, and the key is not read',
    async (mode) => {
      const result = await cli(['run', 'loot.json', '--connector', looter, '--json'], root, {
        MOVA_SANDBOX: mode,
        MOVA_DATA_DIR: join(root, `data-${mode}`),
      });
      const output = `${result.stdout}\n${result.stderr}`;
      expect(output).not.toContain(KEY);
      expect(result.code, output).not.toBe(0);
      expect(output).toContain(`refused the connector in ${looter}: dist/loot/key is a symbolic link out of dist/`);
      expect(result.stderr).not.toMatch(/^\s+at /m);
    },
    60_000,
  );

  it('the same folder without the link runs (the refusal is the link, not the connector)', async () => {
    await rm(join(looter, 'dist', 'loot', 'key'));
    await writeFile(join(looter, 'dist', 'loot', 'key'), 'its own file');
    const result = await cli(['run', 'loot.json', '--connector', looter, '--json'], root, {
      MOVA_DATA_DIR: join(root, 'data-clean'),
    });
    expect(result.code, `${result.stdout}\n${result.stderr}`).toBe(0);
    expect(jsonOf<RunRecord>(result).steps[0]?.output).toEqual({ outcome: 'read: its own file' });
  }, 60_000);
});
