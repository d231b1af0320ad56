import { mkdtemp, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Auth, buildManifest, defineConnector, defineTrigger, Type } from '@mova/sdk';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ConnectorHost, InvokeOptions } from '../host/types.js';
import { Resolver } from '../sources/resolver.js';
import type { ConnectorSource } from '../sources/types.js';
import type { Clock } from './clock.js';
import { deliveryOf, isWebhookTrigger, WebhookTriggers, type WebhookTriggerWorkflow } from './webhook-triggers.js';

// A connector with one webhook trigger; the host below answers its calls and records them, so these
// tests see exactly what the engine asks of the sandbox (the sandbox path is covered by serve's test).
const hooked = defineConnector({
  name: 'hooks',
  title: 'Hooks',
  description: 'A webhook trigger for tests.',
  categories: ['developer-tools'],
  auth: Auth.none(),
  actions: [],
  triggers: [
    defineTrigger({
      kind: 'webhook',
      key: 'thing.created',
      title: 'Thing created',
      input: Type.Object({ board: Type.String() }),
      output: Type.Object({ id: Type.Integer() }),
      parse: () => [],
    }),
  ],
});
const manifest = buildManifest(hooked, { name: '@acme/connector-hooks', version: '1.0.0' });
const source: ConnectorSource = {
  label: 'memory',
  versions: async (name) => (name === '@acme/connector-hooks' ? ['1.0.0'] : []),
  fetch: async () => ({
    package: '@acme/connector-hooks',
    version: '1.0.0',
    manifest,
    bundlePath: '/nowhere/connector.mjs',
    integrity: 'sha512-test',
    source: 'memory',
  }),
};

interface Call {
  op: InvokeOptions['webhook'];
  args: Record<string, unknown>;
}

let calls: Call[];
let failSubscribes: number;
let dataDir: string;
const log: Record<string, unknown>[] = [];
const host: ConnectorHost = {
  async invoke(_target, _key, input, _auth, options) {
    const args = input as Record<string, unknown>;
    calls.push({ op: options.webhook, args });
    if (options.webhook === 'subscribe') {
      if (failSubscribes-- > 0) throw new Error('vendor down');
      return { hookId: calls.length, url: args.url };
    }
    if (options.webhook === 'verify') return (args.request as { headers: Record<string, string> }).headers.sig === 'ok';
    if (options.webhook === 'parse') return [{ id: 1 }, { id: 2 }];
    return null;
  },
};

/** Timers run when the test says so: the backoff is checked by its delays, not by waiting. */
const timers: { fn: () => void; ms: number }[] = [];
const clock: Clock = {
  now: () => 0,
  setTimeout: (fn, ms) => timers.push({ fn, ms }),
  clearTimeout: () => {},
};

const workflow = (board: string, name = 'sync'): WebhookTriggerWorkflow => ({
  name,
  trigger: { uses: '@acme/connector-hooks/thing.created@^1', connection: 'hooks', with: { board } },
});

function triggers(workflows: WebhookTriggerWorkflow[], started: unknown[] = []) {
  return new WebhookTriggers({
    workflows,
    context: {
      resolver: new Resolver([source]),
      host,
      connections: { get: async (name) => (name === 'hooks' ? { connector: 'hooks', auth: {} } : undefined) },
      defaultTimeoutMs: 5_000,
    },
    dataDir,
    clock,
    log: (entry) => log.push(entry),
    start: async (_workflow, item) => {
      started.push(item);
      return `run-${started.length}`;
    },
  });
}

const ops = () => calls.splice(0).map((c) => c.op);

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'mova-webhook-triggers-'));
  calls = [];
  failSubscribes = 0;
  timers.length = 0;
  log.length = 0;
});
afterEach(async () => {
  await rm(dataDir, { recursive: true, force: true });
});

describe('WebhookTriggers', () => {
  it('subscribes once, reuses the subscription after a restart, and resubscribes when the URL or input changes', async () => {
    await triggers([workflow('a')]).start('https://mova.example.test/');
    expect(calls).toEqual([
      { op: 'subscribe', args: { input: { board: 'a' }, url: 'https://mova.example.test/hooks/triggers/sync' } },
    ]);
    calls.length = 0;

    await triggers([workflow('a')]).start('https://mova.example.test');
    expect(ops()).toEqual([]);

    await triggers([workflow('b')]).start('https://mova.example.test');
    const [gone, made] = calls.splice(0);
    expect(gone).toMatchObject({ op: 'unsubscribe', args: { input: { board: 'a' }, subscription: { hookId: 1 } } });
    expect(made).toMatchObject({ op: 'subscribe', args: { input: { board: 'b' } } });

    await triggers([workflow('b')]).start('https://elsewhere.example.test');
    expect(ops()).toEqual(['unsubscribe', 'subscribe']);
    const files = await readdir(join(dataDir, 'engine', 'subscriptions'));
    expect(files).toHaveLength(1);
    expect((await stat(join(dataDir, 'engine', 'subscriptions', files[0] ?? ''))).mode & 0o777).toBe(0o600);
  });

  it('retries a failed subscribe with growing delays and never throws', async () => {
    failSubscribes = 2;
    const served = triggers([workflow('a')]);
    await served.start('https://mova.example.test');
    expect(log).toContainEqual(expect.objectContaining({ event: 'trigger.error', retryInMs: 1_000 }));
    timers.shift()?.fn();
    await vi.waitUntil(() => timers.length === 1);
    expect(timers.map((t) => t.ms)).toEqual([2_000]);
    timers.shift()?.fn();
    await vi.waitUntil(() => log.some((e) => e.event === 'trigger.subscribed'));
    expect(ops()).toEqual(['subscribe', 'subscribe', 'subscribe']);
    expect(timers).toEqual([]);
  });

  it('verifies before parsing: a refused delivery is 401 and starts nothing; each parsed item starts a run', async () => {
    const started: unknown[] = [];
    const served = triggers([workflow('a')], started);
    expect(await served.deliver('triggers/sync', deliveryOf('POST', { sig: 'ok' }, Buffer.from('{}')))).toMatchObject({
      status: 503,
    });
    await served.start('https://mova.example.test');
    calls.length = 0;
    const refused = await served.deliver('triggers/sync', deliveryOf('POST', { sig: 'forged' }, Buffer.from('{}')));
    expect(refused?.status).toBe(401);
    expect(ops()).toEqual(['verify']);
    expect(started).toEqual([]);
    const accepted = await served.deliver('triggers/sync', deliveryOf('POST', { sig: 'ok' }, Buffer.from('{}')));
    expect(accepted).toEqual({ status: 202, body: { runIds: ['run-1', 'run-2'] } });
    expect(calls.map((c) => c.op)).toEqual(['verify', 'parse']);
    expect(calls[0]?.args).toMatchObject({ subscription: { hookId: 1 }, input: { board: 'a' } });
    expect(started).toEqual([{ id: 1 }, { id: 2 }]);
    expect(await served.deliver('triggers/other', deliveryOf('POST', {}, Buffer.from('')))).toBeUndefined();
  });

  it('unsubscribes workflows no longer served, and all of them on request', async () => {
    await triggers([workflow('a', 'one'), workflow('a', 'two')]).start('https://mova.example.test');
    calls.length = 0;
    await triggers([workflow('a', 'two')]).start('https://mova.example.test');
    expect(calls).toEqual([expect.objectContaining({ op: 'unsubscribe' })]);
    calls.length = 0;
    expect(await triggers([]).unsubscribeAll()).toEqual({ removed: ['two'], failed: [] });
    expect(await readdir(join(dataDir, 'engine', 'subscriptions'))).toEqual([]);
  });

  it('reports an unreadable subscription file and goes on', async () => {
    await triggers([workflow('a')]).start('https://mova.example.test');
    await writeFile(join(dataDir, 'engine', 'subscriptions', 'broken.json'), '{"half":');
    expect(await triggers([]).unsubscribeAll()).toEqual({ removed: ['sync'], failed: [] });
    expect(log).toContainEqual(
      expect.objectContaining({ event: 'trigger.error', error: expect.stringContaining('unreadable') }),
    );
  });
});

describe('deliveryOf and isWebhookTrigger', () => {
  it('lower-cases headers, keeps the raw body and parses JSON or a form', () => {
    const json = deliveryOf(
      'POST',
      { 'Content-Type': 'application/json', 'X-Many': ['a', 'b'] },
      Buffer.from('{"a":1}'),
    );
    expect(json).toEqual({
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-many': 'a, b' },
      query: {},
      body: { a: 1 },
      rawBody: '{"a":1}',
    });
    const form = deliveryOf('POST', { 'content-type': 'application/x-www-form-urlencoded' }, Buffer.from('a=1&b=2'));
    expect(form.body).toEqual({ a: '1', b: '2' });
    expect(deliveryOf('POST', {}, Buffer.from('plain text')).body).toBe('plain text');
  });

  it('tells a webhook trigger from anything else', async () => {
    const context = { resolver: new Resolver([source]) };
    expect(await isWebhookTrigger(context, '@acme/connector-hooks/thing.created@^1')).toBe(true);
    expect(await isWebhookTrigger(context, '@acme/connector-hooks/thing.gone@^1')).toBe(false);
    expect(await isWebhookTrigger(context, '@acme/connector-other/thing.created@^1')).toBe(false);
  });
});
