import { createHash } from 'node:crypto';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../src/index.js';
import { addUser, publishedBody, removeDir, startTestRegistry, tempDir } from './support/registry.js';

const NAME = '@racer/pkg';
const RACES = 8;

describe('two clients publishing one version at once', () => {
  let dir: string;
  let registry: Registry;
  let token: string;

  beforeAll(async () => {
    dir = await tempDir('race');
    registry = await startTestRegistry(join(dir, 'data'));
    token = await addUser(registry, 'racer');
  });
  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  const put = async (body: unknown) => {
    const response = await fetch(new URL(NAME.replace('/', '%2f'), registry.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    return response.status >= 400 && response.status !== 409 ? `${response.status} ${text}` : response.status;
  };

  it('one wins, the other gets 409, and the served bytes are always the winner’s', async () => {
    for (let race = 0; race < RACES; race++) {
      const version = `1.0.${race}`;
      const [a, b] = await Promise.all([
        publishedBody(dir, registry.url, NAME, version, 'a'),
        publishedBody(dir, registry.url, NAME, version, 'b'),
      ]);
      const statuses = await Promise.all([put(a.body), put(b.body)]);
      expect(statuses.sort(), version).toEqual([201, 409]);
      const document = (await (await fetch(new URL(NAME.replace('/', '%2f'), registry.url))).json()) as {
        versions: Record<string, { dist: { integrity: string; tarball: string } }>;
      };
      const dist = document.versions[version]?.dist;
      expect([a.integrity, b.integrity], version).toContain(dist?.integrity);
      const served = Buffer.from(await (await fetch(dist?.tarball ?? '')).arrayBuffer());
      expect(`sha512-${createHash('sha512').update(served).digest('base64')}`, version).toBe(dist?.integrity);
    }
  });
});
