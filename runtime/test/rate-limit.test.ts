import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { buildManifest, MANIFEST_FILE } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type Connection, connectionsFrom, loadConnections } from '../src/connections/connections.js';
import { RateLimiter } from '../src/connections/rate-limit.js';
import type { Clock } from '../src/engine/clock.js';
import { createMetrics, type Metrics } from '../src/metrics/metrics.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import type { Workflow } from '../src/workflow/types.js';
import { bundleConnector } from './bundle-connector.js';
import { tempDir } from './helpers.js';

const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 20 });

/** Time that moves only when the test says: a token comes exactly when the test advances the clock. */
class ManualClock implements Clock {
  private at = 1_000_000;
  private timers: { due: number; callback: () => void; handle: number }[] = [];
  private next = 1;

  now = () => this.at;

  setTimeout = (callback: () => void, ms: number) => {
    const handle = this.next++;
    this.timers.push({ due: this.at + ms, callback, handle });
    return handle;
  };

  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t.handle !== handle);
  };

  advance(ms: number) {
    this.at += ms;
    for (;;) {
      const due = this.timers.filter((t) => t.due <= this.at).sort((a, b) => a.due - b.due)[0];
      if (!due) return;
      this.timers = this.timers.filter((t) => t !== due);
      due.callback();
    }
  }
}

/** A loopback service that records the order calls reach it in. */
let service: Server;
let serviceUrl = '';
const arrived: string[] = [];

/** Builds a connector whose `calls.send` POSTs its name to the service, with an API key connection. */
async function senderConnector(root: string, host: string): Promise<void> {
  const dir = join(root, 'sender-1.0.0');
  await mkdir(join(dir, 'dist'), { recursive: true });
  const bundle = join(dir, 'dist', 'connector.mjs');
  const connector = await bundleConnector(
    {
      source: `
        import { Auth, defineAction, defineConnector, Type } from '@mova/sdk';
        const send = defineAction({
          key: 'calls.send',
          title: 'Send a call',
          description: 'POSTs a name to the service',
          input: Type.Object({ url: Type.String(), name: Type.String() }),
          output: Type.Object({ ok: Type.Boolean() }),
          async run({ input, ctx }) {
            const response = await fetch(input.url + '/call/' + encodeURIComponent(input.name), { method: 'POST', signal: ctx.signal });
            return { ok: response.ok };
          },
        });
        export default defineConnector({
          name: 'sender', title: 'Sender', description: 'Sends calls to a loopback service', categories: [],
          auth: Auth.apiKey({ in: 'header', name: 'x-api-key' }), network: { allow: [${JSON.stringify(host)}] }, actions: [send],
        });`,
    },
    bundle,
  );
  const manifest = buildManifest(connector, { name: '@mova/connector-sender', version: '1.0.0' });
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: '@mova/connector-sender', version: '1.0.0', type: 'module', main: './dist/connector.mjs' }),
  );
}

/** Sends one call per name, one after the other, through `connection`. */
const sends = (connection: string): Workflow => ({
  mova: '1.0',
  name: `send-${connection}`,
  inputs: {
    type: 'object',
    properties: { names: { type: 'array', items: { type: 'string' } } },
    required: ['names'],
  },
  connections: { [connection]: { connector: 'sender' } },
  steps: [
    {
      id: 'each',
      repeat: { for_each: '{{ inputs.names }}', as: 'name' },
      do: [
        {
          id: 'send',
          uses: 'sender/calls.send@^1',
          connection,
          with: { url: serviceUrl, name: '{{ name }}' },
        },
      ],
    },
  ],
});

let root: Awaited<ReturnType<typeof tempDir>>;

beforeAll(async () => {
  service = createServer((request, response) => {
    arrived.push(decodeURIComponent((request.url ?? '').replace('/call/', '')));
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end('{}');
  });
  service.listen(0, '127.0.0.1');
  await once(service, 'listening');
  serviceUrl = `http://127.0.0.1:${(service.address() as AddressInfo).port}`;
  root = await tempDir('mova-rate-limit-');
  await senderConnector(join(root.path, 'connectors'), serviceUrl.slice('http://'.length));
}, 60_000);

afterAll(async () => {
  service?.closeAllConnections();
  service?.close();
  await root?.remove();
});

describe('rate limits per connection', () => {
  let runtime: Runtime;
  let clock: ManualClock;
  let limiter: RateLimiter;
  let metrics: Metrics;

  const open = async (connections: Record<string, Connection>, store: string) => {
    clock = new ManualClock();
    metrics = createMetrics();
    limiter = new RateLimiter({ clock, metrics });
    runtime = createRuntime({
      sources: [new WorkspaceSource(join(root.path, 'connectors'))],
      store: new FileRunStore(join(root.path, store)),
      connections: connectionsFrom(connections),
      rateLimiter: limiter,
      metrics,
    });
  };
  const metric = async (name: string) =>
    (await metrics.metricsText()).split('\n').find((line) => line.startsWith(`${name}{connection="crm"`));

  it('lets `requests` calls through at once, then one per `per / requests`, in order, shared by all runs', async () => {
    await open({ crm: { connector: 'sender', auth: { apiKey: 'k-1' }, rateLimit: { requests: 2, per: '1s' } } }, 'a');
    arrived.length = 0;
    const first = runtime.run(sends('crm'), { names: ['a1', 'a2', 'a3', 'a4'] });
    // The bucket starts full: two calls go, the third waits for a token.
    await eventually(() => limiter.waiting()).toEqual({ crm: 1 });
    expect(arrived).toEqual(['a1', 'a2']);
    // Another run through the same connection queues behind it.
    const second = runtime.run(sends('crm'), { names: ['b1'] });
    await eventually(() => limiter.waiting()).toEqual({ crm: 2 });
    expect(await metric('mova_rate_limit_waiting')).toBe('mova_rate_limit_waiting{connection="crm"} 2');

    // A token every 500 ms: not one millisecond early.
    clock.advance(499);
    expect(limiter.waiting()).toEqual({ crm: 2 });
    clock.advance(1);
    await eventually(() => arrived).toEqual(['a1', 'a2', 'a3']);
    // a4 asks for its token after b1 did: b1 goes first.
    await eventually(() => limiter.waiting()).toEqual({ crm: 2 });
    clock.advance(500);
    await eventually(() => arrived).toEqual(['a1', 'a2', 'a3', 'b1']);
    expect((await second).status).toBe('completed');
    clock.advance(500);
    await eventually(() => arrived).toEqual(['a1', 'a2', 'a3', 'b1', 'a4']);
    expect((await first).status).toBe('completed');

    expect(await metric('mova_rate_limit_wait_seconds_count')).toBe(
      'mova_rate_limit_wait_seconds_count{connection="crm"} 5',
    );
    // Two calls waited nothing; three waited, none of them under half a second of the fake clock.
    const text = await metrics.metricsText();
    expect(text).toContain('mova_rate_limit_wait_seconds_bucket{le="0",connection="crm"} 2');
    expect(text).toContain('mova_rate_limit_wait_seconds_bucket{le="0.1",connection="crm"} 2');
    expect(text).toContain('mova_rate_limit_wait_seconds_bucket{le="0.5",connection="crm"} 3');
    await runtime.close();
  }, 60_000);

  it('a connection without a rate limit is never held back', async () => {
    await open({ crm: { connector: 'sender', auth: { apiKey: 'k-1' } } }, 'b');
    arrived.length = 0;
    const result = await runtime.run(sends('crm'), { names: ['c1', 'c2', 'c3', 'c4', 'c5'] });
    expect(result.status).toBe('completed');
    expect(arrived).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(limiter.waiting()).toEqual({});
    await runtime.close();
  }, 60_000);

  it('a run cancelled while it waits for a token ends cancelled without calling', async () => {
    await open({ crm: { connector: 'sender', auth: { apiKey: 'k-1' }, rateLimit: { requests: 1, per: '1m' } } }, 'c');
    arrived.length = 0;
    const controller = new AbortController();
    const run = runtime.run(sends('crm'), { names: ['d1', 'd2'] }, { signal: controller.signal });
    await eventually(() => limiter.waiting()).toEqual({ crm: 1 });
    controller.abort();
    expect((await run).status).toBe('cancelled');
    expect(limiter.waiting()).toEqual({ crm: 0 });
    clock.advance(60_000);
    expect(arrived).toEqual(['d1']);
    await runtime.close();
  }, 60_000);

  it('refuses a malformed rateLimit where connections are configured, saying what to write', async () => {
    const env = {
      MOVA_CONNECTION_CRM: JSON.stringify({ connector: 'sender', auth: {}, rateLimit: { requests: 0, per: '1s' } }),
      MOVA_CONNECTION_ERP: JSON.stringify({ connector: 'sender', auth: {}, rateLimit: { requests: 5, per: 'soon' } }),
      MOVA_CONNECTION_OK: JSON.stringify({ connector: 'sender', auth: {}, rateLimit: { requests: 5, per: '1m' } }),
    };
    const connections = await loadConnections({ env });
    await expect(connections.get('crm')).rejects.toMatchObject({
      code: 'E_CONNECTION',
      message: 'MOVA_CONNECTION_CRM: rateLimit "requests" must be a whole number from 1 to 1000000',
      hint: 'Write e.g. "rateLimit": { "requests": 10, "per": "1s" }, or leave it out for no limit.',
    });
    await expect(connections.get('erp')).rejects.toMatchObject({
      message: 'MOVA_CONNECTION_ERP: rateLimit "per" must be a duration such as "1s" or "1m" (at most "1d")',
    });
    expect(await connections.get('ok')).toEqual({
      connector: 'sender',
      auth: {},
      rateLimit: { requests: 5, per: '1m' },
    });
  });
});
