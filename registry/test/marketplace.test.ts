import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { buildManifest, MANIFEST_FILE } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorEntry, Registry, SearchResult } from '../src/index.js';
import { chatConnector, crmConnector, mailConnector, publishBody, writePackage } from './support/fixtures.js';
import { addUser, getJson, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm } from './support/tools.js';

describe('the marketplace index and its JSON API', () => {
  let dir: string;
  let storage: string;
  let registry: Registry;
  const rc: Record<string, string> = {};
  const tokens: Record<string, string> = {};

  async function search(query: string): Promise<SearchResult> {
    const { status, body } = await getJson(registry, `-/mova/v1/connectors${query}`);
    expect(status).toBe(200);
    return body as SearchResult;
  }

  const names = (result: SearchResult) => result.results.map((r) => r.name);

  async function publish(user: string, pkgDir: string) {
    const published = await npm(['publish', '--userconfig', rc[user] ?? '', '--registry', registry.url], pkgDir);
    expect(published.code, published.stderr).toBe(0);
  }

  beforeAll(async () => {
    dir = await tempDir('marketplace');
    storage = join(dir, 'data');
    registry = await startTestRegistry(storage);
    for (const user of ['alice', 'bob']) {
      tokens[user] = await addUser(registry, user);
      rc[user] = await userConfig(dir, registry, user, tokens[user]);
    }
    const chat = chatConnector();
    await publish('alice', await writePackage(dir, { name: '@alice/chat', version: '1.0.0', connector: chat }));
    await publish('alice', await writePackage(dir, { name: '@alice/chat', version: '1.1.0', connector: chat }));
    await publish(
      'alice',
      await writePackage(dir, { name: '@alice/crm', version: '2.0.0', connector: crmConnector(), keywords: ['deals'] }),
    );
    await publish(
      'bob',
      await writePackage(dir, {
        name: '@bob/mailer',
        version: '0.3.0',
        connector: mailConnector(),
        keywords: ['smtp'],
      }),
    );
    await publish('bob', await writePackage(dir, { name: '@bob/plain', version: '1.0.0' }));
    // A manifest built for another version than the one published: valid JSON, wrong package.
    const stale = await writePackage(dir, { name: '@bob/stale', version: '1.0.0', connector: chat });
    await writeFile(
      join(stale, MANIFEST_FILE),
      JSON.stringify(buildManifest(chat, { name: '@bob/stale', version: '0.9.0' })),
    );
    await publish('bob', stale);
    await registry.indexed();
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it('lists only packages whose latest version carries a valid manifest', async () => {
    const all = await search('');
    expect(all.total).toBe(3);
    expect(names(all).sort()).toEqual(['@alice/chat', '@alice/crm', '@bob/mailer']);
    expect(all.results.every((r) => r.score === null)).toBe(true);

    for (const name of ['@bob/plain', '@bob/stale', '@nobody/nothing']) {
      const { status, body } = await getJson(registry, `-/mova/v1/connectors/${encodeURIComponent(name)}`);
      expect(status).toBe(404);
      expect(body).toMatchObject({ error: 'not_found', message: expect.stringContaining(`No connector "${name}"`) });
    }
    // Still an ordinary npm package.
    const viewed = await npm(['view', '@bob/plain', 'version', '--registry', registry.url], dir);
    expect(viewed.stdout.trim()).toBe('1.0.0');
  });

  it('serves the full entry with every version, its actions, schemas and publish time', async () => {
    const plain = await getJson(registry, '-/mova/v1/connectors/@alice/chat');
    const encoded = await getJson(registry, '-/mova/v1/connectors/%40alice%2Fchat');
    expect(encoded).toEqual(plain);
    const entry = plain.body as ConnectorEntry;
    expect(entry).toMatchObject({
      name: '@alice/chat',
      connector: 'chat-relay',
      latestVersion: '1.1.0',
      categories: ['communication'],
      authKind: 'bearer',
      auth: {
        kind: 'bearer',
        schema: { type: 'object', required: ['token'], properties: { token: { writeOnly: true } } },
      },
      publisher: 'alice',
      deprecated: null,
    });
    expect(entry.versions.map((v) => v.version)).toEqual(['1.1.0', '1.0.0']);
    for (const version of entry.versions) {
      expect(Date.parse(version.publishedAt ?? '')).toBeGreaterThan(Date.now() - 10 * 60_000);
      expect(version).toMatchObject({ valid: true, issues: [], publisher: 'alice', authKind: 'bearer' });
      expect(version.actions.map((a) => a.key)).toEqual(['chat.postMessage', 'chat.deleteMessage']);
      expect(version.actions[0]).toMatchObject({
        title: 'Send a message',
        description: 'Posts a message to a channel.',
        input: { type: 'object', required: ['text'], properties: { text: { type: 'string' } } },
        output: { type: 'object', properties: { echoed: { type: 'string' } } },
      });
    }
  });

  it('ranks title and action hits above a description hit, and finds typos and prefixes', async () => {
    const message = await search('?q=message');
    expect(names(message)).toEqual(['@alice/chat', '@alice/crm']);
    expect(message.results[0]?.score).toBeGreaterThan(message.results[1]?.score ?? Infinity);

    expect(names(await search('?q=mesage'))[0]).toBe('@alice/chat');
    expect(names(await search('?q=contac'))).toEqual(['@alice/crm']);
    expect(names(await search('?q=postMessage'))[0]).toBe('@alice/chat');
    expect(names(await search('?q=smtp'))).toEqual(['@bob/mailer']);
    expect(names(await search('?q=deals'))).toEqual(['@alice/crm']);
    expect(names(await search('?q=send'))).toEqual(expect.arrayContaining(['@alice/chat', '@bob/mailer']));
    expect((await search('?q=zzzqqq')).total).toBe(0);
  });

  it('filters by category, auth kind and publisher, with or without a query', async () => {
    expect(names(await search('?category=communication')).sort()).toEqual(['@alice/chat', '@bob/mailer']);
    expect(names(await search('?category=Sales'))).toEqual(['@alice/crm']);
    expect(names(await search('?authKind=apiKey'))).toEqual(['@alice/crm']);
    expect(names(await search('?publisher=bob'))).toEqual(['@bob/mailer']);
    // "send" also reaches the CRM's "sent" (fuzzy); the publisher filter keeps Bob's mailer out.
    const sendByAlice = names(await search('?q=send&publisher=alice'));
    expect(sendByAlice[0]).toBe('@alice/chat');
    expect(sendByAlice).not.toContain('@bob/mailer');
    expect(names(await search('?q=send&category=communication&authKind=basic'))).toEqual(['@bob/mailer']);
    expect((await search('?category=finance')).total).toBe(0);
  });

  it('pages with limit and offset, and refuses bad numbers', async () => {
    const page = await search('?limit=1&offset=1');
    expect(page.total).toBe(3);
    expect(page.results).toHaveLength(1);
    expect(names(await search('?limit=2')).concat(names(page))).toHaveLength(3);
    for (const bad of ['limit=0', 'limit=101', 'limit=two', 'offset=-1']) {
      const { status, body } = await getJson(registry, `-/mova/v1/connectors?${bad}`);
      expect(status).toBe(400);
      expect(body).toMatchObject({ error: 'bad_request', message: expect.stringMatching(/must be a whole number/) });
    }
  });

  it('keeps the index, downloads and ownership across a restart over the same storage', async () => {
    const before = { all: await search(''), chat: await getJson(registry, '-/mova/v1/connectors/@alice/chat') };
    for (let i = 0; i < 3; i++) {
      const tarball = await fetch(new URL('@bob/mailer/-/mailer-0.3.0.tgz', registry.url));
      expect(tarball.status).toBe(200);
      await tarball.arrayBuffer();
    }
    // Counted when the server sees the response finish, which can come just after the client has the body.
    await expect.poll(() => registry.index.get('@bob/mailer')?.downloads).toBe(3);
    await registry.close();

    registry = await startTestRegistry(storage);
    expect(await getJson(registry, '-/mova/v1/connectors/@alice/chat')).toEqual(before.chat);
    expect(await search('?q=mailer')).toMatchObject({ total: 1, results: [{ name: '@bob/mailer', downloads: 3 }] });
    expect(names(await search(''))).toEqual(['@bob/mailer', ...names(before.all).filter((n) => n !== '@bob/mailer')]);

    // Bob's token was signed before the restart and still works; @alice is still Alice's.
    const pkg = await writePackage(dir, { name: '@alice/mail', version: '1.0.0', connector: mailConnector() });
    const response = await fetch(new URL('@alice%2fmail', registry.url), {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${tokens.bob}` },
      body: JSON.stringify(await publishBody(pkg, registry.url)),
    });
    expect(response.status).toBe(403);
    expect(await response.json()).toMatchObject({
      error: expect.stringContaining('The scope @alice belongs to alice'),
    });
  });
});
