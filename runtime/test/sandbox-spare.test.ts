import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:net';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import { Auth, buildManifest, defineAction, defineConnector, Type } from '@mova/sdk';
import { childPids } from '@mova/sdk/testing';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorTarget } from '../src/host/types.js';
import { type Isolation, SandboxHost, type SandboxHostOptions } from '../src/sandbox/host.js';

const never = new AbortController().signal;
const fixture = (name: string) => fileURLToPath(new URL(`fixtures/sandbox/${name}/connector.mjs`, import.meta.url));

interface Whoami {
  url: string;
  threadId: number;
  found: string | null;
}

/** A target per package name: each is its own pool, so each needs a sandbox of its own. */
function target(bundle: 'probe' | 'hostile', pkg: string, allow: string[] = []): ConnectorTarget {
  const connector = defineConnector({
    name: bundle,
    title: bundle,
    description: bundle,
    categories: [],
    auth: Auth.custom({ fields: Type.Object({}) }),
    actions: [
      defineAction({
        key: 'whoami',
        title: 'whoami',
        input: Type.Object({}),
        output: Type.Any(),
        run: async () => ({}),
      }),
    ],
    network: { allow },
  });
  return {
    manifest: buildManifest(connector, { name: pkg, version: '1.0.0' }),
    bundlePath: fixture(bundle),
    integrity: `sha512-spare-${pkg}`,
  };
}

/** The thread id the next worker gets: a sandbox's lower id means it was spawned before now. */
async function nextThreadId(): Promise<number> {
  const worker = new Worker('', { eval: true });
  const id = worker.threadId;
  await worker.terminate();
  return id;
}

let server: Server;
let port: number;
beforeAll(async () => {
  server = createServer((socket) => socket.end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

const kinds: Array<[string, Isolation, SandboxHostOptions]> = [
  ['worker', 'worker', {}],
  ['process in OS namespaces where available', 'process', { osSandbox: 'auto' }],
  ['weak process', 'process', { osSandbox: 'off' }],
];

describe.each(kinds)('spare %s sandbox', (_name, isolation, options) => {
  const invoke = (host: SandboxHost, t: ConnectorTarget, key: string, input: unknown = {}) =>
    host.invoke(t, key, input, {}, { signal: never, timeoutMs: 10_000 });

  it('serves the first connector from the spare started ahead, and the next one from another sandbox', async () => {
    const host = new SandboxHost({ isolation, ...options });
    try {
      await host.startSpare(isolation);
      const before = await nextThreadId();
      const a = (await invoke(host, target('probe', '@acme/connector-a'), 'whoami', {
        leave: 'secret of a',
      })) as Whoami;
      const b = (await invoke(host, target('probe', '@acme/connector-b'), 'whoami')) as Whoami;
      // Nothing connector A left in its realm reaches B.
      expect(b.found).toBeNull();
      if (isolation === 'worker') {
        expect(a.threadId).toBeLessThan(before);
        expect(b.threadId).not.toBe(a.threadId);
      } else {
        // A spare process reads its bundle from a private folder: a fresh one reads it where it is.
        expect(a.url).toMatch(/\/mova-spare-[^/]+\/connector\.mjs$/);
        expect(b.url).toMatch(/\/mova-spare-[^/]+\/connector\.mjs$/);
        expect(dirname(b.url)).not.toBe(dirname(a.url));
      }
      // A's own sandbox stays A's: the same pool answers with what A left.
      expect(await invoke(host, target('probe', '@acme/connector-a'), 'whoami')).toMatchObject({
        found: 'secret of a',
      });
    } finally {
      await host.close();
    }
  });

  it("gives the bound spare its connector's hosts and nothing more", async () => {
    const host = new SandboxHost({ isolation, ...options });
    try {
      await host.startSpare(isolation);
      const closed = target('hostile', '@acme/connector-closed');
      await expect(invoke(host, closed, 'tcp', { host: '127.0.0.1', port })).rejects.toMatchObject({
        failure: 'network',
      });
      const open = target('hostile', '@acme/connector-open', [`127.0.0.1:${port}`]);
      await expect(invoke(host, open, 'tcp', { host: '127.0.0.1', port })).resolves.toEqual({ connected: true });
    } finally {
      await host.close();
    }
  });

  it('starts no spare with spare: false', async () => {
    const host = new SandboxHost({ isolation, ...options, spare: false });
    try {
      await host.startSpare(isolation);
      const before = await nextThreadId();
      const a = (await invoke(host, target('probe', '@acme/connector-a'), 'whoami')) as Whoami;
      if (isolation === 'worker') expect(a.threadId).toBeGreaterThan(before);
      else expect(a.url).toBe(`file://${fixture('probe')}`);
    } finally {
      await host.close();
    }
  });
});

describe.each(kinds.filter(([, isolation]) => isolation === 'process'))(
  'spare %s sandbox',
  (_name, isolation, options) => {
    it('reads only its own folder', async () => {
      const host = new SandboxHost({ isolation, ...options });
      try {
        await host.startSpare(isolation);
        const probe = target('probe', '@acme/connector-reader');
        const { url } = (await host.invoke(probe, 'whoami', {}, {}, { signal: never, timeoutMs: 10_000 })) as Whoami;
        const read = (path: string) => host.invoke(probe, 'read', { path }, {}, { signal: never, timeoutMs: 10_000 });
        await expect(read(fileURLToPath(url))).resolves.toMatchObject({ text: expect.stringContaining('whoami') });
        await expect(read('/etc/hostname')).rejects.toThrow(/ERR_ACCESS_DENIED|Access to this API has been restricted/);
      } finally {
        await host.close();
      }
    });

    it('leaves no process and no folder behind when the host closes', async () => {
      const host = new SandboxHost({ isolation, ...options });
      await host.startSpare(isolation);
      const { url } = (await host.invoke(
        target('probe', '@acme/connector-a'),
        'whoami',
        {},
        {},
        {
          signal: never,
          timeoutMs: 10_000,
        },
      )) as Whoami;
      await host.startSpare(isolation);
      expect(childPids().length).toBeGreaterThanOrEqual(2);
      await host.close();
      expect(childPids()).toEqual([]);
      expect(existsSync(dirname(fileURLToPath(url)))).toBe(false);
    });
  },
);
