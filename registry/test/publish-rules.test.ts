import { Auth, defineConnector } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorEntry, Registry } from '../src/index.js';
import { chatConnector, writePackage } from './support/fixtures.js';
import { addUser, getJson, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm } from './support/tools.js';

/** chat-relay without its delete action: a breaking change for any workflow that deletes. */
function chatWithoutDelete() {
  const chat = chatConnector();
  return defineConnector({ ...chat, auth: Auth.bearer(), actions: chat.actions.slice(0, 1) });
}

// What the registry enforces for every client, plain `npm publish` and `npm dist-tag` included.
describe('publish rules the registry enforces, and dist-tags the marketplace follows', () => {
  let dir: string;
  let registry: Registry;
  let rc: string;

  const publish = (pkgDir: string, ...args: string[]) =>
    npm(['publish', '--userconfig', rc, '--registry', registry.url, ...args], pkgDir);
  const entry = async () => (await getJson(registry, '-/mova/v1/connectors/@alice%2fchat')).body as ConnectorEntry;
  const distTags = async () =>
    ((await getJson(registry, '@alice%2fchat')).body as { 'dist-tags': Record<string, string> })['dist-tags'];

  beforeAll(async () => {
    dir = await tempDir('publish-rules');
    registry = await startTestRegistry(`${dir}/data`);
    rc = await userConfig(dir, registry, 'alice', await addUser(registry, 'alice'));
    const first = await publish(
      await writePackage(dir, { name: '@alice/chat', version: '1.0.0', connector: chatConnector() }),
    );
    expect(first.code, first.stderr).toBe(0);
  }, 120_000);
  afterAll(async () => {
    await registry?.close();
    if (dir) await removeDir(dir);
  });

  it('refuses a plain npm publish whose manifest change needs a bigger bump, and npm shows why', async () => {
    const pkg = await writePackage(dir, { name: '@alice/chat', version: '1.1.0', connector: chatWithoutDelete() });
    const refused = await publish(pkg);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      '@alice/chat@1.1.0 is too small a bump for what changed since 1.0.0: it needs a major (2.0.0), because action chat.deleteMessage was removed (/actions/chat.deleteMessage). Set "version": "2.0.0" in package.json, or undo the changes.',
    );
    expect(Object.keys(((await getJson(registry, '@alice%2fchat')).body as { versions: object }).versions)).toEqual([
      '1.0.0',
    ]);
    const major = await publish(
      await writePackage(dir, { name: '@alice/chat', version: '2.0.0', connector: chatWithoutDelete() }),
    );
    expect(major.code, major.stderr).toBe(0);
    await registry.indexed();
    expect((await entry()).latestVersion).toBe('2.0.0');
  });

  it('a package that carries no manifest is no connector, and passes', async () => {
    const plain = await publish(await writePackage(dir, { name: '@alice/util', version: '1.0.0' }));
    expect(plain.code, plain.stderr).toBe(0);
    const next = await publish(await writePackage(dir, { name: '@alice/util', version: '1.0.1' }));
    expect(next.code, next.stderr).toBe(0);
  });

  it('a backport under its own tag leaves latest, and the marketplace, where they were', async () => {
    const backport = await writePackage(dir, { name: '@alice/chat', version: '1.0.1', connector: chatConnector() });
    // npm itself refuses to move latest back without an explicit tag.
    const implicit = await publish(backport);
    expect(implicit.code).not.toBe(0);
    expect(implicit.stderr).toMatch(/Cannot implicitly apply the "latest" tag/);
    const tagged = await publish(backport, '--tag', 'latest-1');
    expect(tagged.code, tagged.stderr).toBe(0);
    expect(await distTags()).toEqual({ latest: '2.0.0', 'latest-1': '1.0.1' });
    await registry.indexed();
    const listed = await entry();
    expect(listed.latestVersion).toBe('2.0.0');
    expect(listed.versions.map((v) => v.version)).toEqual(['2.0.0', '1.0.1', '1.0.0']);
  });

  it('follows npm dist-tag: moving latest changes the listed version and its actions', async () => {
    const moved = await npm(['dist-tag', 'add', '@alice/chat@1.0.1', 'latest', '--userconfig', rc], dir);
    expect(moved.code, moved.stderr).toBe(0);
    await registry.indexed();
    const listed = await entry();
    expect(listed.latestVersion).toBe('1.0.1');
    expect(listed.actions.map((a) => a.key)).toEqual(['chat.postMessage', 'chat.deleteMessage']);
    const back = await npm(['dist-tag', 'add', '@alice/chat@2.0.0', 'latest', '--userconfig', rc], dir);
    expect(back.code, back.stderr).toBe(0);
    await registry.indexed();
    expect((await entry()).latestVersion).toBe('2.0.0');
  });
});
