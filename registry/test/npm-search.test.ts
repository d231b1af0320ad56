import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Registry } from '../src/index.js';
import { chatConnector, crmConnector, mailConnector, writePackage } from './support/fixtures.js';
import { addUser, removeDir, startTestRegistry, tempDir, userConfig } from './support/registry.js';
import { npm } from './support/tools.js';

interface SearchAnswer {
  objects: {
    package: {
      name: string;
      version: string;
      description: string;
      keywords: string[];
      date: string | null;
      links: Record<string, string>;
      publisher?: { username: string };
      maintainers: { username: string }[];
    };
    score: { final: number; detail: { quality: number; popularity: number; maintenance: number } };
    searchScore: number;
  }[];
  total: number;
  time: string;
}

describe("npm's search endpoint", () => {
  let dir: string;
  let registry: Registry;
  const rc: Record<string, string> = {};

  function npmAs(user: string, args: string[]) {
    return npm([...args, '--userconfig', rc[user] ?? '', '--registry', registry.url], dir);
  }

  async function search(query: string): Promise<{ status: number; body: SearchAnswer }> {
    const response = await fetch(new URL(`-/v1/search?${query}`, registry.url));
    return { status: response.status, body: (await response.json()) as SearchAnswer };
  }

  const names = (answer: SearchAnswer) => answer.objects.map((object) => object.package.name);

  beforeAll(async () => {
    dir = await tempDir('npm-search');
    registry = await startTestRegistry(join(dir, 'data'));
    for (const user of ['alice', 'bob'])
      rc[user] = await userConfig(dir, registry, user, await addUser(registry, user));
    rc.anonymous = await userConfig(dir, registry, 'anonymous');
    const publish = async (user: string, spec: Parameters<typeof writePackage>[1]) => {
      const published = await npmAs(user, ['publish', await writePackage(dir, spec)]);
      expect(published.code, published.stderr).toBe(0);
    };
    await publish('alice', { name: '@alice/chat', version: '1.0.0', connector: chatConnector(), keywords: ['chat'] });
    await publish('alice', { name: '@alice/chat', version: '1.1.0', connector: chatConnector(), keywords: ['chat'] });
    await publish('alice', { name: '@alice/crm', version: '2.0.0', connector: crmConnector(), keywords: ['deals'] });
    await publish('bob', { name: '@bob/mailer', version: '0.3.0', connector: mailConnector(), keywords: ['smtp'] });
    await publish('bob', { name: '@bob/plain', version: '1.0.0' });
    await registry.indexed();
  }, 120_000);

  afterAll(async () => {
    await registry?.close();
    await removeDir(dir);
  });

  it("answers in the shape npm's registry does, from the marketplace index", async () => {
    const { status, body } = await search('text=message&size=20');
    expect(status).toBe(200);
    expect(names(body)).toEqual(['@alice/chat', '@alice/crm']);
    expect(body.total).toBe(2);
    expect(Number.isNaN(Date.parse(body.time))).toBe(false);
    const [chat] = body.objects;
    expect(chat).toMatchObject({
      package: {
        name: '@alice/chat',
        version: '1.1.0',
        description: 'Relays messages into team chat channels.',
        keywords: ['chat'],
        publisher: { username: 'alice' },
        maintainers: [{ username: 'alice' }],
        links: { npm: `${registry.url}-/mova/connectors/%40alice%2Fchat` },
      },
    });
    expect(Number.isNaN(Date.parse(chat?.package.date ?? ''))).toBe(false);
    for (const object of body.objects) {
      expect(object.searchScore).toBeGreaterThan(0);
      for (const part of [object.score.final, ...Object.values(object.score.detail)]) {
        expect(part).toBeGreaterThanOrEqual(0);
        expect(part).toBeLessThanOrEqual(1);
      }
    }
  });

  it('pages with size and from, filters by keywords, scope and publisher, and lists only connectors', async () => {
    const everything = await search('text=');
    expect(everything.body.total).toBe(3);
    expect(names(everything.body)).not.toContain('@bob/plain');
    const page = await search('text=message&size=1&from=1');
    expect([page.body.total, names(page.body)]).toEqual([2, ['@alice/crm']]);
    expect(names((await search('text=keywords:smtp')).body)).toEqual(['@bob/mailer']);
    expect(names((await search('text=message+keywords:deals')).body)).toEqual(['@alice/crm']);
    expect(names((await search('text=scope:bob')).body)).toEqual(['@bob/mailer']);
    expect(names((await search('text=maintainer:alice')).body).sort()).toEqual(['@alice/chat', '@alice/crm']);
    expect((await search('text=plain')).body.total).toBe(0);
  });

  it('refuses a size or offset out of range, saying which', async () => {
    for (const [query, key] of [
      ['text=x&size=0', 'size'],
      ['text=x&size=251', 'size'],
      ['text=x&from=-1', 'from'],
      ['text=x&size=ten', 'size'],
    ]) {
      const { status, body } = await search(query ?? '');
      expect(status, query).toBe(400);
      expect((body as unknown as { error: string }).error, query).toContain(`"${key}"`);
    }
  });

  it('serves `npm search`, in its JSON and its text output', async () => {
    const json = await npmAs('anonymous', ['search', '--json', 'message']);
    expect(json.code, json.stderr).toBe(0);
    const found = JSON.parse(json.stdout) as { name: string; version: string; keywords: string[] }[];
    expect(found.map((row) => [row.name, row.version])).toEqual([
      ['@alice/chat', '1.1.0'],
      ['@alice/crm', '2.0.0'],
    ]);
    const text = await npmAs('anonymous', ['search', 'smtp']);
    expect(text.code, text.stderr).toBe(0);
    expect(text.stdout).toContain('@bob/mailer');
    expect(text.stdout).toContain('Sends email through an SMTP relay.');
    expect(text.stdout).toContain('0.3.0');
    expect(text.stdout).not.toContain('undefined');
  });
});
