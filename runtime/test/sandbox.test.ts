import { createServer, type Server } from 'node:http';
import { fileURLToPath } from 'node:url';
import { Auth, buildManifest, ConnectorError, defineAction, defineConnector, Type } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ConnectorTarget } from '../src/host/types.js';
import { SandboxError } from '../src/sandbox/errors.js';
import { type Isolation, SandboxHost, type SandboxHostOptions } from '../src/sandbox/host.js';

const fixture = (name: string) => fileURLToPath(new URL(`fixtures/sandbox/${name}/connector.mjs`, import.meta.url));
const never = new AbortController().signal;

function unexpected(): never {
  throw new Error('expected the call to fail');
}

/** A manifest for a fixture bundle: only the fields the host reads matter here. */
function target(name: string, pkg: string, network: { allow: string[]; connectionHosts?: string[] }): ConnectorTarget {
  const connector = defineConnector({
    name,
    title: name,
    description: name,
    categories: [],
    auth: Auth.custom({ fields: Type.Object({ host: Type.Optional(Type.String()) }) }),
    actions: [
      defineAction({ key: 'echo', title: 'echo', input: Type.Object({}), output: Type.Any(), run: async () => ({}) }),
    ],
    network,
  });
  return {
    manifest: buildManifest(connector, { name: pkg, version: '1.0.0' }),
    bundlePath: fixture(name),
    integrity: `sha512-test-${name}`,
  };
}

let server: Server;
let port: number;

beforeAll(async () => {
  server = createServer((_req, res) => res.end('hello from loopback'));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as { port: number }).port;
});
afterAll(() => new Promise((resolve) => server.close(resolve)));

function hostWith(options: SandboxHostOptions) {
  const host = new SandboxHost(options);
  const invoke = (t: ConnectorTarget, key: string, input: unknown, auth: unknown, timeoutMs = 5000) =>
    host.invoke(t, key, input, auth, { signal: never, timeoutMs });
  return { host, invoke };
}

describe.each<Isolation>(['worker', 'process'])('%s sandbox', (isolation) => {
  let host: SandboxHost;
  let invoke: ReturnType<typeof hostWith>['invoke'];
  const hostile = () => target('hostile', '@acme/connector-hostile', { allow: ['api.example.test'] });
  const call = (key: string, input: unknown = {}, auth: unknown = {}, timeoutMs = 5000) =>
    invoke(hostile(), key, input, auth, timeoutMs);

  beforeAll(() => {
    ({ host, invoke } = hostWith({ isolation, memoryMb: 64, abortGraceMs: 200 }));
  });
  afterAll(() => host.close());

  it('runs an action with its input and connection, forwarding logs', async () => {
    const logs: unknown[] = [];
    const out = await host.invoke(
      hostile(),
      'echo',
      { a: 1 },
      { token: 's3cret' },
      {
        signal: never,
        timeoutMs: 5000,
        log: (...l) => logs.push(l),
      },
    );
    expect(out).toEqual({ input: { a: 1 }, auth: { token: 's3cret' }, actionKey: 'echo' });
    expect(logs).toEqual([['info', 'echoing', { n: 1 }]]);
  });

  it('gives the connector an empty environment: secrets never travel through process.env', async () => {
    process.env.MOVA_TEST_SECRET = 'do-not-leak';
    await host.close();
    ({ host, invoke } = hostWith({ isolation, memoryMb: 64, abortGraceMs: 200 }));
    expect(await call('env')).toEqual({ keys: [] });
    delete process.env.MOVA_TEST_SECRET;
  });

  it('times out a hanging action and keeps serving', async () => {
    await expect(call('hang', {}, {}, 300)).rejects.toMatchObject({
      kind: 'timeout',
      failure: 'timeout',
      retryable: true,
    });
    expect(await call('echo', { after: 'hang' })).toMatchObject({ input: { after: 'hang' } });
  });

  it('kills a sandbox stuck in a busy loop at its timeout and keeps serving', async () => {
    await expect(call('spin', {}, {}, 300)).rejects.toThrow('did not finish within 300 ms');
    expect(await call('echo', { after: 'spin' })).toMatchObject({ input: { after: 'spin' } });
  });

  it('passes the abort to an action that listens for it', async () => {
    await expect(call('sleep', { ms: 10_000 }, {}, 200)).rejects.toBeInstanceOf(SandboxError);
    expect(await call('sleep', { ms: 5 })).toEqual({ slept: 5 });
  });

  it('fails only the call whose sandbox ran out of memory', async () => {
    const error = await call('oom', {}, {}, 20_000).then(unexpected, (e: SandboxError) => e);
    expect(error).toMatchObject({ kind: 'limit', failure: 'out_of_memory', retryable: false });
    expect(error.message).toContain('ran out of memory');
    expect(await call('echo', { after: 'oom' })).toMatchObject({ input: { after: 'oom' } });
  }, 30_000);

  it('refuses an output over the cap before parsing it, and keeps serving', async () => {
    const t = hostile();
    const error = await host
      .invoke(
        t,
        'bigOutput',
        { bytes: 2 * 1024 * 1024 },
        {},
        { signal: never, timeoutMs: 5000, maxOutputBytes: 1024 * 1024 },
      )
      .then(unexpected, (e: SandboxError) => e);
    expect(error).toMatchObject({ kind: 'limit', failure: 'output' });
    expect(error.message).toMatch(/returned 2097163 bytes of output, more than the 1048576 allowed/);
    await expect(
      host.invoke(t, 'bigOutput', { bytes: 10 }, {}, { signal: never, timeoutMs: 5000, maxOutputBytes: 1024 }),
    ).resolves.toEqual({ text: 'xxxxxxxxxx' });
  });

  it('fails a call whose output JSON cannot hold (BigInt, cycles) instead of leaving it hanging', async () => {
    await expect(call('bigint')).rejects.toThrow(/returned output that is not JSON: .*BigInt/);
    await expect(call('cyclic')).rejects.toThrow(/returned output that is not JSON: .*circular/);
  });

  it('never lets one connection see what a call with another connection left behind', async () => {
    const t = hostile();
    expect(await invoke(t, 'remember', {}, { token: 'connection-a' })).toEqual({ before: null });
    expect(await invoke(t, 'remember', {}, { token: 'connection-b' })).toEqual({ before: null });
    // The same connection gets its warm sandbox back.
    expect(await invoke(t, 'remember', {}, { token: 'connection-a' })).toEqual({ before: 'connection-a' });
  });

  it('fails only the call whose connector called process.exit', async () => {
    await expect(call('exit')).rejects.toThrow(/stopped during the call: it exited with code 3/);
    expect(await call('echo', { after: 'exit' })).toMatchObject({ input: { after: 'exit' } });
  });

  it('refuses a host the manifest does not declare, before any packet leaves', async () => {
    const error = await call('fetch', { url: `http://127.0.0.1:${port}/` }).then(unexpected, (e: SandboxError) => e);
    expect(error).toMatchObject({ kind: 'forbidden', failure: 'network' });
    expect(error.message).toContain(`@acme/connector-hostile@1.0.0 may not connect to 127.0.0.1:${port}`);
    await expect(call('tcp', { host: 'localhost', port })).rejects.toMatchObject({ failure: 'network' });
  });

  it('allows hosts named by the connection fields the manifest lists', async () => {
    const t = target('hostile', '@acme/connector-hostile', { allow: [], connectionHosts: ['host'] });
    await expect(invoke(t, 'tcp', { host: '127.0.0.1', port }, { host: '127.0.0.1' })).resolves.toEqual({
      connected: true,
    });
    await expect(invoke(t, 'tcp', { host: '127.0.0.1', port }, { host: 'db.example.test' })).rejects.toMatchObject({
      failure: 'network',
    });
  });

  it('lets node:http through an Agent reach an allowed host (the Agent passes path: null, not a unix socket)', async () => {
    const t = target('hostile', '@acme/connector-hostile', { allow: [`127.0.0.1:${port}`] });
    await expect(invoke(t, 'httpGet', { url: `http://127.0.0.1:${port}/` }, {})).resolves.toEqual({
      status: 200,
      body: 'hello from loopback',
    });
  });

  it('brings vendor errors back typed, and other throws as plain errors', async () => {
    const vendor = await call('vendorError').then(unexpected, (e: ConnectorError) => e);
    expect(vendor).toBeInstanceOf(ConnectorError);
    expect(vendor).toMatchObject({ kind: 'not_found', status: 404, vendorMessage: 'Not Found' });
    // The executor words a plain throw as "<connector> threw: <message>"; the host keeps it plain.
    await expect(call('throw')).rejects.toMatchObject({ name: 'TypeError', message: 'boom' });
  });

  it('kills a sandbox whose bundle never finishes loading, and the next call gets a fresh one', async () => {
    const { host: quick, invoke: call } = hostWith({ isolation, loadTimeoutMs: 500 });
    try {
      const stuck = target('stuck', '@acme/connector-stuck', { allow: [] });
      await expect(call(stuck, 'echo', {}, {})).rejects.toMatchObject({
        failure: 'load',
        message: expect.stringContaining('did not finish loading within 500 ms'),
      });
      await expect(call(stuck, 'echo', {}, {})).rejects.toMatchObject({ failure: 'load' });
    } finally {
      await quick.close();
    }
  });

  it('reports a bundle that fails to load', async () => {
    const broken = target('broken', '@acme/connector-broken', { allow: [] });
    await expect(invoke(broken, 'echo', {}, {})).rejects.toMatchObject({
      failure: 'load',
      message: expect.stringContaining('broken bundle'),
    });
  });
});

describe('process sandbox boundary', () => {
  const hostile = target('hostile', '@acme/connector-hostile', { allow: [] });
  const { host, invoke } = hostWith({ isolation: 'process', rssMb: 300 });
  afterAll(() => host.close());

  it('kills a sandbox whose resident memory (buffers, not heap) passes its cap', async () => {
    const error = await invoke(hostile, 'buffers', {}, {}, 30_000).then(unexpected, (e: SandboxError) => e);
    expect(error).toMatchObject({ kind: 'limit', failure: 'out_of_memory' });
    expect(error.message).toMatch(/it used \d+ MiB of memory, over the 300 MiB limit/);
  }, 40_000);

  it('refuses to read a file outside the connector folder', async () => {
    await expect(invoke(hostile, 'readOutside', { path: '/etc/hostname' }, {})).rejects.toThrow(
      /ERR_ACCESS_DENIED|Access to this API has been restricted/,
    );
  });

  it('refuses to spawn a process', async () => {
    await expect(invoke(hostile, 'spawn', {}, {})).rejects.toThrow(
      /ERR_ACCESS_DENIED|Access to this API has been restricted/,
    );
  });

  it('runs untrusted scopes in a process and @mova connectors in workers by default', async () => {
    const auto = hostWith({});
    const own = target('hostile', '@mova/connector-hostile', { allow: [] });
    expect(await auto.invoke(own, 'env', {}, {})).toEqual({ keys: [] });
    await expect(auto.invoke(hostile, 'spawn', {}, {})).rejects.toThrow(/restricted|ERR_ACCESS_DENIED/);
    await auto.host.close();
  });
});
