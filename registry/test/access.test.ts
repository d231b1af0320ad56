import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../src/index.js';
import { chatConnector, crmConnector, publishBody, writePackage } from './support/fixtures.js';
import { addUser, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm } from './support/tools.js';

describe('who may publish, change and unpublish', () => {
  let dir: string;
  let registry: Registry;
  const tokens: Record<string, string> = {};
  const rc: Record<string, string> = {};

  /** Runs npm as one of the users (or anonymously) against the registry under test. */
  function npmAs(user: string, args: string[], cwd = dir) {
    return npm([...args, '--userconfig', rc[user] ?? '', '--registry', registry.url], cwd);
  }

  async function publishAs(user: string, name: string, version: string, connector = chatConnector()) {
    return npmAs(user, ['publish'], await writePackage(dir, { name, version, connector }));
  }

  async function put(name: string, body: unknown, token?: string) {
    const response = await fetch(new URL(name.replace('/', '%2f'), registry.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    return { status: response.status, body: (await response.json()) as { error?: string } };
  }

  async function versionsOf(name: string): Promise<string[]> {
    const viewed = await npmAs('anonymous', ['view', name, 'versions', '--json']);
    expect(viewed.code, viewed.stderr).toBe(0);
    return [JSON.parse(viewed.stdout)].flat();
  }

  beforeAll(async () => {
    dir = await tempDir('access');
    registry = await startTestRegistry(join(dir, 'data'), { admins: ['root'] });
    for (const user of ['root', 'alice', 'bob']) {
      tokens[user] = await addUser(registry, user);
      rc[user] = await userConfig(dir, registry, user, tokens[user]);
    }
    rc.anonymous = await userConfig(dir, registry, 'anonymous');
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it('refuses to publish without a token', async () => {
    const refused = await publishAs('anonymous', '@anon/chat', '1.0.0');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toMatch(/ENEEDAUTH|log in/i);

    // npm stops before asking; the server refuses on its own too.
    const pkg = await writePackage(dir, { name: '@anon/chat', version: '1.0.1', connector: chatConnector() });
    const response = await put('@anon/chat', await publishBody(pkg, registry.url));
    expect(response.status).toBe(401);
    expect(response.body.error).toMatch(/needs an account: run `npm adduser/);
    expect(await npmAs('anonymous', ['view', '@anon/chat'])).toMatchObject({ code: 1 });
  });

  it('gives a scope to its first publisher and refuses everyone else', async () => {
    expect((await publishAs('alice', '@team/chat', '1.0.0')).code).toBe(0);
    const refused = await publishAs('bob', '@team/crm', '1.0.0', crmConnector());
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('403');
    expect(refused.stderr).toContain('The scope @team belongs to alice (its first publisher), so bob may not publish');
    expect(refused.stderr).toContain('e.g. @bob/crm');
    expect((await publishAs('alice', '@team/crm', '1.0.0', crmConnector())).code).toBe(0);
    expect((await publishAs('bob', '@bob/crm', '1.0.0', crmConnector())).code).toBe(0);
  });

  it('gives an unscoped name to its first publisher', async () => {
    const first = await npmAs(
      'alice',
      ['publish'],
      await writePackage(dir, { name: 'left-pad-ish', version: '1.0.0' }),
    );
    expect(first.code, first.stderr).toBe(0);
    const refused = await npmAs(
      'bob',
      ['publish'],
      await writePackage(dir, { name: 'left-pad-ish', version: '1.0.1' }),
    );
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain(
      '"left-pad-ish" belongs to alice (its first publisher), so bob may not publish it',
    );
  });

  it('reserves @mova for its owners (the admins)', async () => {
    const refused = await publishAs('alice', '@mova/connector-chat', '1.0.0');
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('The scope @mova is reserved; only its owners (root) may publish');
    expect((await publishAs('root', '@mova/connector-chat', '1.0.0')).code).toBe(0);
  });

  it('compares scopes without case and refuses upper-case names: @MOVA is @mova', async () => {
    const variant = await publishAs('alice', '@MOVA/connector-chat', '1.0.1');
    expect(variant.code).not.toBe(0);
    expect(variant.stderr).toMatch(/Package names are lower-case|reserved|Invalid name/);
    const response = await put(
      '@MOVA/connector-evil',
      await publishBody(
        await writePackage(dir, { name: '@MOVA/connector-evil', version: '9.9.9', connector: chatConnector() }),
        registry.url,
      ),
      tokens.alice,
    );
    expect(response.status).toBe(403);
  });

  it('refuses to publish over an existing version, with a message that says what to do', async () => {
    const again = await publishAs('alice', '@team/chat', '1.0.0');
    expect(again.code).not.toBe(0);
    expect(again.stderr).toContain('cannot publish over the previously published versions: 1.0.0');

    // npm checks before it sends; a client that does not is stopped by the server.
    const pkg = await writePackage(dir, { name: '@team/chat', version: '1.0.0', connector: crmConnector() });
    const response = await put('@team/chat', await publishBody(pkg, registry.url), tokens.alice);
    expect(response.status).toBe(409);
    expect(response.body.error).toBe(
      '@team/chat@1.0.0 is already published, and published versions never change. ' +
        'Bump the version (e.g. `npm version patch`) and publish again.',
    );
    const manifest = await fetch(new URL('-/mova/v1/connectors/@team/chat', registry.url)).then((r) => r.json());
    expect(manifest).toMatchObject({ title: 'Chat Relay', versions: [{ version: '1.0.0' }] });
  });

  it('lets owners deprecate a version, shows it in the index, and refuses others', async () => {
    const refused = await npmAs('bob', ['deprecate', '@team/chat@1.0.0', 'use @bob/chat']);
    expect(refused.code).not.toBe(0);
    expect(refused.stderr).toContain('bob does not own "@team/chat"');

    const deprecated = await npmAs('alice', ['deprecate', '@team/chat@1.0.0', 'use @team/chat-next']);
    expect(deprecated.code, deprecated.stderr).toBe(0);
    await registry.indexed();
    expect(registry.index.get('@team/chat')?.deprecated).toBe('use @team/chat-next');
    const entry = await fetch(new URL('-/mova/v1/connectors/@team%2Fchat', registry.url)).then((r) => r.json());
    expect(entry).toMatchObject({
      deprecated: 'use @team/chat-next',
      versions: [{ deprecated: 'use @team/chat-next' }],
    });
    const search = await fetch(new URL('-/mova/v1/connectors?q=relay&publisher=alice', registry.url)).then((r) =>
      r.json(),
    );
    expect(search).toMatchObject({ total: 1, results: [{ name: '@team/chat', deprecated: 'use @team/chat-next' }] });
  });

  it('lets only admins unpublish', async () => {
    expect((await publishAs('alice', '@team/chat', '1.1.0')).code).toBe(0);
    await registry.indexed();
    expect(registry.index.get('@team/chat')?.latestVersion).toBe('1.1.0');

    const version = await npmAs('alice', ['unpublish', '@team/chat@1.0.0']);
    expect(version.code).not.toBe(0);
    expect(version.stderr).toContain(
      'Only registry admins may unpublish, so alice may not unpublish "@team/chat@1.0.0"',
    );
    expect(version.stderr).toContain('npm deprecate @team/chat@1.0.0');
    const whole = await npmAs('alice', ['unpublish', '@team/crm', '--force']);
    expect(whole.code).not.toBe(0);
    expect(whole.stderr).toContain('Only registry admins may unpublish');
    expect(await versionsOf('@team/chat')).toEqual(['1.0.0', '1.1.0']);

    const byAdmin = await npmAs('root', ['unpublish', '@team/chat@1.0.0']);
    expect(byAdmin.code, byAdmin.stderr).toBe(0);
    expect(await versionsOf('@team/chat')).toEqual(['1.1.0']);
    await registry.indexed();
    expect(registry.index.get('@team/chat')?.versions.map((v) => v.version)).toEqual(['1.1.0']);

    const wholeByAdmin = await npmAs('root', ['unpublish', '@team/crm', '--force']);
    expect(wholeByAdmin.code, wholeByAdmin.stderr).toBe(0);
    expect((await npmAs('anonymous', ['view', '@team/crm'])).code).not.toBe(0);
    await registry.indexed();
    expect(registry.index.get('@team/crm')).toBeUndefined();
  });
});
