import { mkdtemp, rm } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManifest, type Connector } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorTarget } from '../src/host/types.js';
import { SandboxError } from '../src/sandbox/errors.js';
import { type Isolation, SandboxHost } from '../src/sandbox/host.js';
import { bundleConnector } from './bundle-connector.js';

// The SDK's HTTP helper sends with Node's global fetch (its own copy of undici inside Node): the
// sandbox's network limit must hold for it as for node:http, in a worker and in a process sandbox
// (in OS namespaces where available, through the host's egress proxy).
const SOURCE = fileURLToPath(new URL('fixtures/sandbox/http-helper/index.mjs', import.meta.url));
const never = new AbortController().signal;

let dir: string;
let bundlePath: string;
let connector: Connector;
let server: Server;
let origin: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'mova-sandbox-fetch-'));
  bundlePath = join(dir, 'connector.mjs');
  connector = await bundleConnector({ entry: SOURCE }, bundlePath);
  server = createServer((_req, res) => res.writeHead(200, { 'content-type': 'application/json' }).end('{"ok":true}'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  await new Promise<void>((resolve) => server.close(() => resolve()));
  await rm(dir, { recursive: true, force: true });
});

function target(allow: string[]): ConnectorTarget {
  const manifest = buildManifest(connector, { name: '@acme/connector-http-helper', version: '1.0.0' });
  return { manifest: { ...manifest, network: { allow } }, bundlePath, integrity: `sha512-test-${allow.join()}` };
}

describe.each<Isolation>(['worker', 'process'])('the SDK HTTP helper in a %s sandbox', (isolation) => {
  let host: SandboxHost;
  beforeAll(() => {
    host = new SandboxHost({ isolation, memoryMb: 96 });
  });
  afterAll(() => host.close());
  const get = (allow: string[]) =>
    host.invoke(target(allow), 'get', { url: `${origin}/items` }, {}, { signal: never, timeoutMs: 10_000 });

  it('reaches a host the manifest allows', async () => {
    await expect(get([new URL(origin).host])).resolves.toEqual({ status: 200, data: { ok: true } });
  });

  it('is refused a host the manifest does not declare, as a network failure', async () => {
    const error = await get(['api.example.test']).then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(SandboxError);
    expect(error).toMatchObject({ kind: 'forbidden', failure: 'network' });
    expect((error as SandboxError).message).toContain(`may not connect to ${new URL(origin).host}`);
  });
});
