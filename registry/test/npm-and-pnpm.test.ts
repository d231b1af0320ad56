import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../src/index.js';
import { chatConnector, writePackage } from './support/fixtures.js';
import { addUser, getJson, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm, pnpm } from './support/tools.js';

const NAME = '@alice/chat-relay';

describe('publishing and installing with the real npm and pnpm', () => {
  let dir: string;
  let registry: Registry;
  let aliceRc: string;
  let anonymousRc: string;

  async function project(label: string): Promise<string> {
    const at = join(dir, label);
    await mkdir(at, { recursive: true });
    await writeFile(join(at, 'package.json'), JSON.stringify({ name: label, version: '0.0.0', private: true }));
    return at;
  }

  beforeAll(async () => {
    dir = await tempDir('clients');
    registry = await startTestRegistry(join(dir, 'data'));
    aliceRc = await userConfig(dir, registry, 'alice', await addUser(registry, 'alice'));
    anonymousRc = await userConfig(dir, registry, 'anonymous');
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it('publishes a connector with npm publish and lists it in the marketplace', async () => {
    const pkg = await writePackage(dir, {
      name: NAME,
      version: '1.0.0',
      connector: chatConnector(),
      keywords: ['chat'],
    });
    const published = await npm(['publish', '--userconfig', aliceRc, '--registry', registry.url], pkg);
    expect(published.code, published.stderr).toBe(0);
    expect(published.stdout).toContain(`+ ${NAME}@1.0.0`);

    await registry.indexed();
    expect(registry.index.get(NAME)).toBeDefined();
    const { status, body } = await getJson(registry, `-/mova/v1/connectors/${encodeURIComponent(NAME)}`);
    expect(status).toBe(200);
    expect(body).toMatchObject({
      name: NAME,
      connector: 'chat-relay',
      title: 'Chat Relay',
      latestVersion: '1.0.0',
      publisher: 'alice',
      authKind: 'bearer',
      keywords: ['chat'],
      versions: [{ version: '1.0.0', valid: true, publisher: 'alice', publishedAt: expect.any(String) }],
    });
  });

  it('answers npm view with the published version and its publisher', async () => {
    const viewed = await npm(['view', NAME, '--json', '--userconfig', anonymousRc, '--registry', registry.url], dir);
    expect(viewed.code, viewed.stderr).toBe(0);
    const info = JSON.parse(viewed.stdout);
    expect(info).toMatchObject({ name: NAME, version: '1.0.0', 'dist-tags': { latest: '1.0.0' }, _npmUser: 'alice' });
    expect(info.dist.tarball).toBe(`${registry.url}${NAME}/-/chat-relay-1.0.0.tgz`);
  });

  it('installs it anonymously with npm install', async () => {
    const at = await project('npm-project');
    const installed = await npm(['install', NAME, '--userconfig', anonymousRc, '--registry', registry.url], at);
    expect(installed.code, installed.stderr).toBe(0);
    const manifest = JSON.parse(await readFile(join(at, 'node_modules', NAME, 'mova.manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ package: NAME, version: '1.0.0', name: 'chat-relay' });
    const lock = JSON.parse(await readFile(join(at, 'package-lock.json'), 'utf8'));
    expect(lock.packages[`node_modules/${NAME}`].resolved).toBe(`${registry.url}${NAME}/-/chat-relay-1.0.0.tgz`);
  });

  it('installs it with pnpm add', async () => {
    const at = await project('pnpm-project');
    const added = await pnpm(
      [
        'add',
        NAME,
        `--registry=${registry.url}`,
        `--store-dir=${join(dir, 'pnpm-store')}`,
        `--cache-dir=${join(dir, 'pnpm-cache')}`,
        '--config.confirmModulesPurge=false',
      ],
      at,
    );
    expect(added.code, `${added.stdout}\n${added.stderr}`).toBe(0);
    const pkg = JSON.parse(await readFile(join(at, 'node_modules', NAME, 'package.json'), 'utf8'));
    expect(pkg).toMatchObject({ name: NAME, version: '1.0.0' });
    expect(JSON.parse(await readFile(join(at, 'package.json'), 'utf8')).dependencies).toEqual({ [NAME]: '^1.0.0' });
  });

  it('counts each tarball download, per version and in search results', async () => {
    const entry = await getJson(registry, `-/mova/v1/connectors/${NAME}`);
    expect(entry.body).toMatchObject({ downloads: 2, versions: [{ version: '1.0.0', downloads: 2 }] });
    const search = await getJson(registry, '-/mova/v1/connectors?q=chat');
    expect(search.body).toMatchObject({ total: 1, results: [{ name: NAME, downloads: 2 }] });
  });
});
