import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Registry, RegistryError, startRegistry } from '../src/index.js';
import { addUser, removeDir, startTestRegistry, tempDir } from './support/registry.js';

describe('startRegistry', () => {
  let dir: string;
  let registry: Registry;

  beforeAll(async () => {
    dir = await tempDir('start');
    registry = await startTestRegistry(join(dir, 'data'));
  });

  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it('listens on loopback, on a free port, and keeps users in the data dir', async () => {
    expect(registry.url).toBe(`http://127.0.0.1:${registry.port}/`);
    expect(registry.port).toBeGreaterThan(0);
    expect(registry.storage).toBe(join(dir, 'data'));
    const ping = await fetch(new URL('-/ping', registry.url));
    expect(ping.status).toBe(200);
    await addUser(registry, 'alice');
    expect(await readFile(join(dir, 'data', 'htpasswd'), 'utf8')).toMatch(/^alice:/);
    expect(await readdir(join(dir, 'data'))).toEqual(expect.arrayContaining(['htpasswd', 'storage']));
  });

  it('refuses a port that is taken, saying what to do', async () => {
    const error = await startTestRegistry(join(dir, 'other'), { port: registry.port }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RegistryError);
    expect(error).toMatchObject({ code: 'E_REGISTRY_LISTEN', hint: 'Pick another port, or 0 for any free one.' });
  });

  it('refuses owners keyed by something that is not a scope', async () => {
    await expect(startRegistry({ storage: join(dir, 'bad'), owners: { mova: ['alice'] } })).rejects.toMatchObject({
      code: 'E_REGISTRY_OPTIONS',
      message: 'owners: "mova" is not a scope',
    });
  });

  it('answers JSON errors for unknown marketplace paths and methods', async () => {
    const unknown = await fetch(new URL('-/mova/v1/nothing', registry.url));
    expect(unknown.status).toBe(404);
    expect(await unknown.json()).toMatchObject({ error: 'not_found' });
    const post = await fetch(new URL('-/mova/v1/connectors', registry.url), { method: 'POST', body: '{}' });
    expect(post.status).toBe(405);
    expect(post.headers.get('allow')).toBe('GET, HEAD');
    const badName = await fetch(new URL('-/mova/v1/connectors/%E0%A4%A', registry.url));
    expect(badName.status).toBe(400);
  });
});
