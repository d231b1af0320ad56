import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { Downloads } from './downloads.js';
import { MarketplaceIndex } from './marketplace-index.js';
import type { ConnectorAction, ConnectorEntry } from './types.js';

function action(key: string, title: string): ConnectorAction {
  return { key, title, description: null, input: { type: 'object' }, output: { type: 'object' }, examples: [] };
}

function entry(name: string, fields: Partial<ConnectorEntry>): ConnectorEntry {
  return {
    name,
    connector: name.replace(/^@[^/]+\//, ''),
    title: name,
    description: '',
    categories: [],
    authKind: 'none',
    auth: { kind: fields.authKind ?? 'none', schema: { type: 'object', properties: {} }, validate: false },
    network: { allow: [], connectionHosts: [] },
    icon: null,
    keywords: [],
    latestVersion: '1.0.0',
    publisher: 'alice',
    deprecated: null,
    downloads: 0,
    quality: 50,
    qualityCriteria: [],
    checks: null,
    actions: [],
    triggers: [],
    versions: [],
    ...fields,
  };
}

const github = entry('@mova/github', {
  title: 'GitHub',
  description: 'Issues, pull requests and releases.',
  categories: ['developer-tools'],
  authKind: 'bearer',
  actions: [action('issues.create', 'Create an issue'), action('pulls.merge', 'Merge a pull request')],
});
const slack = entry('@mova/slack', {
  title: 'Slack',
  description: 'Messages and channels.',
  categories: ['communication'],
  authKind: 'oauth2',
  keywords: ['chat'],
  actions: [action('chat.postMessage', 'Send a message')],
});
const tracker = entry('@bob/tracker', {
  title: 'Bug Tracker',
  description: 'Mirrors GitHub issues into a spreadsheet.',
  categories: ['developer-tools', 'productivity'],
  authKind: 'apiKey',
  publisher: 'bob',
  actions: [action('rows.append', 'Append a row')],
});

describe('MarketplaceIndex', () => {
  let dir: string;
  let downloads: Downloads;
  let index: MarketplaceIndex;

  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mova-index-'));
    downloads = await Downloads.load(join(dir, 'downloads.json'));
    index = new MarketplaceIndex(downloads);
    for (const e of [github, slack, tracker]) index.upsert(e);
  });

  afterEach(async () => {
    await downloads.flush();
    await rm(dir, { recursive: true, force: true });
  });

  const names = (q: Parameters<MarketplaceIndex['search']>[0]) => index.search(q).results.map((r) => r.name);

  it('ranks a title hit above a description hit', () => {
    const result = index.search({ q: 'github' });
    expect(result.results.map((r) => r.name)).toEqual(['@mova/github', '@bob/tracker']);
    const [first, second] = result.results;
    expect(first?.score).toBeGreaterThan(second?.score ?? Infinity);
  });

  it('finds action keys (camelCase split), action titles, keywords, typos and prefixes', () => {
    expect(names({ q: 'postMessage' })).toEqual(['@mova/slack']);
    expect(names({ q: 'post' })[0]).toBe('@mova/slack');
    expect(names({ q: 'merge' })).toEqual(['@mova/github']);
    expect(names({ q: 'chat' })).toEqual(['@mova/slack']);
    expect(names({ q: 'spredsheet' })).toEqual(['@bob/tracker']);
    expect(names({ q: 'trac' })).toEqual(['@bob/tracker']);
  });

  it('filters by category (any case), auth kind and publisher', () => {
    expect(names({ category: 'Developer-Tools' }).sort()).toEqual(['@bob/tracker', '@mova/github']);
    expect(names({ q: 'issues', category: 'productivity' })).toEqual(['@bob/tracker']);
    expect(names({ authKind: 'oauth2' })).toEqual(['@mova/slack']);
    expect(names({ publisher: 'bob' })).toEqual(['@bob/tracker']);
    expect(index.search({ publisher: 'carol' })).toEqual({ total: 0, results: [] });
  });

  it('lists by downloads without a query, and pages', () => {
    downloads.count('@mova/slack', '1.0.0');
    downloads.count('@mova/slack', '1.0.0');
    downloads.count('@bob/tracker', '1.0.0');
    expect(names({})).toEqual(['@mova/slack', '@bob/tracker', '@mova/github']);
    expect(index.search({ limit: 1, offset: 1 })).toMatchObject({ total: 3, results: [{ name: '@bob/tracker' }] });
    expect(index.search({ limit: 500 }).results).toHaveLength(3);
    expect(index.search({}).results[0]).toEqual({
      name: '@mova/slack',
      title: 'Slack',
      description: 'Messages and channels.',
      latestVersion: '1.0.0',
      categories: ['communication'],
      authKind: 'oauth2',
      actionCount: 1,
      publisher: 'alice',
      deprecated: null,
      downloads: 2,
      icon: null,
      quality: 50,
      score: null,
    });
  });

  it('counts the categories and auth kinds the filters offer, most common first', () => {
    expect(index.facets()).toEqual({
      categories: [
        { name: 'developer-tools', count: 2 },
        { name: 'communication', count: 1 },
        { name: 'productivity', count: 1 },
      ],
      authKinds: [
        { name: 'apiKey', count: 1 },
        { name: 'bearer', count: 1 },
        { name: 'oauth2', count: 1 },
      ],
    });
    index.upsert({ ...slack, name: '@mova/teams' });
    expect(index.facets().categories.slice(0, 2)).toEqual([
      { name: 'communication', count: 2 },
      { name: 'developer-tools', count: 2 },
    ]);
    expect(index.facets().authKinds[0]).toEqual({ name: 'oauth2', count: 2 });
  });

  it('replaces an entry on upsert and forgets it on remove', () => {
    expect(names({ q: 'send' })).toEqual(['@mova/slack']);
    index.upsert({ ...slack, title: 'Slack Workspace', actions: [action('files.upload', 'Upload a file')] });
    expect(names({ q: 'send' })).toEqual([]);
    expect(names({ q: 'upload' })).toEqual(['@mova/slack']);
    expect(index.size).toBe(3);
    index.remove('@mova/slack');
    expect(index.get('@mova/slack')).toBeUndefined();
    expect(names({ q: 'upload' })).toEqual([]);
    expect(index.size).toBe(2);
  });
});
