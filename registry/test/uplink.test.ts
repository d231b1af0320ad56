import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../src/index.js';
import { chatConnector, writePackage } from './support/fixtures.js';
import { addUser, getJson, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm } from './support/tools.js';

// The uplink is a second MOVA registry on loopback, standing in for the public npm registry.
describe('a registry with an uplink', () => {
  let dir: string;
  let upstream: Registry;
  let registry: Registry;

  beforeAll(async () => {
    dir = await tempDir('uplink');
    upstream = await startTestRegistry(join(dir, 'upstream'), { admins: ['root'] });
    const rc = await userConfig(dir, upstream, 'root', await addUser(upstream, 'root'));
    for (const name of ['@up/chat', '@mova/chat']) {
      const pkg = await writePackage(dir, { name, version: '1.0.0', connector: chatConnector() });
      const published = await npm(['publish', '--userconfig', rc, '--registry', upstream.url], pkg);
      expect(published.code, published.stderr).toBe(0);
    }
    registry = await startTestRegistry(join(dir, 'local'), { uplink: upstream.url });
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await upstream?.close();
    await removeDir(dir);
  });

  it('installs packages it does not hold from the uplink', async () => {
    const project = join(dir, 'project');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'package.json'), '{"name":"project","version":"0.0.0","private":true}');
    const rc = await userConfig(dir, registry, 'anonymous');
    const installed = await npm(['install', '@up/chat', '--userconfig', rc, '--registry', registry.url], project);
    expect(installed.code, installed.stderr).toBe(0);
    const pkg = JSON.parse(await readFile(join(project, 'node_modules', '@up', 'chat', 'package.json'), 'utf8'));
    expect(pkg.version).toBe('1.0.0');
    const lock = JSON.parse(await readFile(join(project, 'package-lock.json'), 'utf8'));
    expect(lock.packages['node_modules/@up/chat'].resolved).toBe(`${registry.url}@up/chat/-/chat-1.0.0.tgz`);
  });

  it('never looks up @mova upstream', async () => {
    expect((await fetch(new URL('@mova%2fchat', upstream.url))).status).toBe(200);
    expect((await fetch(new URL('@mova%2fchat', registry.url))).status).toBe(404);
  });

  it('lists only what was published to it, not what it fetched', async () => {
    expect((await getJson(upstream, '-/mova/v1/connectors')).body).toMatchObject({ total: 2 });
    expect((await getJson(registry, '-/mova/v1/connectors')).body).toEqual({ total: 0, results: [] });
    await registry.close();
    registry = await startTestRegistry(join(dir, 'local'), { uplink: upstream.url });
    expect((await getJson(registry, '-/mova/v1/connectors')).body).toEqual({ total: 0, results: [] });
  });
});
