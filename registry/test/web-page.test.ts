import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Downloads } from '../src/marketplace/downloads.js';
import { MarketplaceIndex } from '../src/marketplace/marketplace-index.js';
import type { ConnectorEntry } from '../src/marketplace/types.js';
import { marketplacePage } from '../src/web/marketplace-page.js';
import { removeDir, tempDir } from './support/registry.js';

const HTML = '<!doctype html><title>page</title><script type="module" src="/-/mova/assets/app-ABC.js"></script>';

function listed(name: string): ConnectorEntry {
  return {
    name,
    connector: 'chat',
    title: 'Chat',
    description: 'Chat.',
    categories: [],
    authKind: 'none',
    auth: { kind: 'none', schema: { type: 'object', properties: {}, additionalProperties: false }, validate: false },
    network: { allow: [], connectionHosts: [] },
    icon: null,
    keywords: [],
    latestVersion: '1.0.0',
    publisher: null,
    deprecated: null,
    downloads: 0,
    quality: 0,
    qualityCriteria: [],
    checks: null,
    actions: [],
    triggers: [],
    versions: [],
  };
}

/** The page handler alone on a plain server; whatever it passes on answers 418, so passing is visible. */
async function serve(dir: string, index: MarketplaceIndex): Promise<{ server: Server; url: string }> {
  const handler = marketplacePage({ index, dir });
  const server = createServer((req, res) =>
    handler(req, res, (error?: unknown) => {
      res.writeHead(error ? 500 : 418).end('passed on');
    }),
  );
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  return { server, url: `http://127.0.0.1:${(server.address() as AddressInfo).port}` };
}

describe('the marketplace page routes', () => {
  let dir: string;
  let built: { server: Server; url: string };
  let unbuilt: { server: Server; url: string };

  beforeAll(async () => {
    dir = await tempDir('web-page');
    const index = new MarketplaceIndex(await Downloads.load(join(dir, 'downloads.json')));
    index.upsert(listed('@alice/chat'));
    await mkdir(join(dir, 'page', 'assets'), { recursive: true });
    await writeFile(join(dir, 'page', 'index.html'), HTML);
    await writeFile(join(dir, 'page', 'assets', 'app-ABC.js'), 'console.log(1)');
    await writeFile(join(dir, 'secret.js'), 'not for the web');
    built = await serve(join(dir, 'page'), index);
    unbuilt = await serve(join(dir, 'missing'), index);
  });

  afterAll(async () => {
    for (const { server } of [built, unbuilt]) await new Promise((done) => server?.close(done));
    await removeDir(dir);
  });

  it('answers the app at / and at connector pages, with a strict content security policy', async () => {
    for (const path of ['/', '/?q=chat', '/-/mova/connectors/@alice/chat', '/-/mova/connectors/%40alice%2Fchat']) {
      const response = await fetch(built.url + path);
      expect(response.status, path).toBe(200);
      expect(await response.text()).toBe(HTML);
      expect(response.headers.get('content-type')).toBe('text/html; charset=utf-8');
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(response.headers.get('x-content-type-options')).toBe('nosniff');
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("default-src 'none'");
      expect(csp).not.toContain('unsafe-inline');
    }
    const head = await fetch(`${built.url}/`, { method: 'HEAD' });
    expect(head.status).toBe(200);
    expect(await head.text()).toBe('');
  });

  it('still answers the app for a connector that is not listed, with a 404', async () => {
    const response = await fetch(`${built.url}/-/mova/connectors/@nobody/nothing`);
    expect(response.status).toBe(404);
    expect(await response.text()).toBe(HTML);
  });

  it('serves built assets to be cached for good, and nothing outside them', async () => {
    const asset = await fetch(`${built.url}/-/mova/assets/app-ABC.js`);
    expect(asset.status).toBe(200);
    expect(asset.headers.get('content-type')).toBe('text/javascript; charset=utf-8');
    expect(asset.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
    expect(await asset.text()).toBe('console.log(1)');
    for (const path of [
      '/-/mova/assets/missing-XYZ.js',
      '/-/mova/assets/..%2fsecret.js',
      '/-/mova/assets/%2e%2e/secret.js',
      '/-/mova/assets/index.html',
      '/-/mova/assets/',
    ]) {
      const response = await fetch(built.url + path);
      expect([response.status, await response.text()], path).toEqual([418, 'passed on']);
    }
  });

  it('leaves the npm API, the JSON API and writes alone', async () => {
    for (const path of ['/@alice%2fchat', '/-/mova/v1/connectors', '/-/v1/search?text=x', '/-/mova/connectorsx']) {
      expect((await fetch(built.url + path)).status, path).toBe(418);
    }
    expect((await fetch(`${built.url}/`, { method: 'PUT', body: '{}' })).status).toBe(418);
  });

  it('says how to build the page when it is not built', async () => {
    const response = await fetch(`${unbuilt.url}/`);
    expect(response.status).toBe(503);
    expect(await response.text()).toContain('pnpm --filter @mova/registry build:web');
  });
});
