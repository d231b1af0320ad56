import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Clock } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';
import { engineHandler } from '../src/engine/http.js';
import { createMetrics, type Metrics } from '../src/metrics/metrics.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { tempDir } from './helpers.js';

const TOKEN = 'limits-token';
const eventually = <T>(read: () => T | Promise<T>) => expect.poll(read, { timeout: 15_000, interval: 25 });

/**
 * A loopback service that holds every request until the test releases it, so a run stays running
 * exactly as long as the test wants; it records the order the runs reached it in.
 */
class HoldingService {
  readonly arrived: string[] = [];
  private readonly held = new Map<string, ServerResponse>();
  private server!: Server;
  url = '';

  async start() {
    this.server = createServer((request, response) => {
      const n = new URL(request.url ?? '/', 'http://127.0.0.1').searchParams.get('n') ?? '?';
      this.arrived.push(n);
      this.held.set(n, response);
      // A run cancelled mid-request closes its connection: nothing is left to answer.
      response.on('close', () => this.held.delete(n));
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  release(n: string) {
    const response = this.held.get(n);
    if (!response) throw new Error(`request ${n} is not held (held: ${[...this.held.keys()].join(', ')})`);
    response.writeHead(200, { 'content-type': 'application/json' });
    response.end(JSON.stringify({ n }));
  }

  async close() {
    this.server.closeAllConnections();
    this.server.close();
  }
}

const limited = (name: string, onLimit: string, service: string, trigger?: unknown) => ({
  mova: '1.0',
  name,
  inputs: { type: 'object', properties: { n: { type: 'string' } }, required: ['n'] },
  concurrency: { limit: 1, onLimit },
  ...(trigger ? { trigger } : {}),
  // A plain field path: read in the runtime itself, no expression worker to wait for on a busy machine.
  steps: [{ id: 'call', uses: 'http_fetch', with: { url: `${service}/hold`, query: { n: '{{ inputs.n }}' } } }],
  output: '{{ inputs.n }}',
});

describe('concurrency limits per workflow, over the HTTP API of serve', () => {
  let service: HoldingService;
  let runtime: Runtime;
  let engine: Engine;
  let metrics: Metrics;
  let base = '';
  let http: Server;
  const cleanups: (() => Promise<unknown>)[] = [];

  beforeEach(async () => {
    service = new HoldingService();
    await service.start();
    const project = await tempDir('mova-limits-project-');
    const data = await tempDir('mova-limits-data-');
    cleanups.push(project.remove, data.remove);
    await mkdir(join(project.path, 'workflows'));
    const write = (workflow: ReturnType<typeof limited>) =>
      writeFile(join(project.path, 'workflows', `${workflow.name}.json`), JSON.stringify(workflow));
    await write(limited('serial', 'queue', service.url));
    await write(limited('latest', 'cancel-older', service.url));
    await write(limited('once', 'skip', service.url, { webhook: { path: 'once' } }));
    metrics = createMetrics();
    runtime = createRuntime({
      sources: [],
      store: new FileRunStore(data.path),
      allowHosts: [service.url.slice('http://'.length)],
      metrics,
    });
    engine = await Engine.open(project.path, { runtime, dataDir: data.path, metrics });
    await engine.start();
    http = createServer(engineHandler(engine, { token: TOKEN, metrics }));
    http.listen(0, '127.0.0.1');
    await once(http, 'listening');
    base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  });

  afterEach(async () => {
    await engine.stop(0);
    await runtime.close();
    http.closeAllConnections();
    http.close();
    await service.close();
    while (cleanups.length > 0) await cleanups.pop()?.();
  });

  const api = async (path: string, body?: unknown) => {
    const response = await fetch(`${base}${path}`, {
      method: body === undefined ? 'GET' : 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    return { status: response.status, body: (await response.json()) as Record<string, unknown> };
  };
  const start = async (workflow: string, n: string) => api('/api/v1/runs', { workflow, inputs: { n } });
  const runOf = async (id: unknown) => (await api(`/api/v1/runs/${String(id)}`)).body;
  const metric = async (line: RegExp) => (await metrics.metricsText()).split('\n').find((l) => line.test(l));

  it('queue: runs past the limit wait in order, are shown queued with their place, and start one at a time', async () => {
    const first = await start('serial', '1');
    expect(first).toEqual({ status: 202, body: { runId: expect.any(String), status: 'running' } });
    await eventually(() => service.arrived).toEqual(['1']);
    const second = await start('serial', '2');
    const third = await start('serial', '3');
    expect([second.body.status, third.body.status]).toEqual(['queued', 'queued']);
    expect(await runOf(third.body.runId)).toMatchObject({
      id: third.body.runId,
      workflow: 'serial',
      status: 'queued',
      inputs: { n: '3' },
      position: 2,
    });
    expect(await metric(/^mova_queue_depth\{workflow="serial"\}/)).toBe('mova_queue_depth{workflow="serial"} 2');

    service.release('1');
    await eventually(() => service.arrived).toEqual(['1', '2']);
    expect(await runOf(third.body.runId)).toMatchObject({ status: 'queued', position: 1 });
    expect(await metric(/^mova_queue_depth\{workflow="serial"\}/)).toBe('mova_queue_depth{workflow="serial"} 1');
    service.release('2');
    await eventually(() => service.arrived).toEqual(['1', '2', '3']);
    service.release('3');
    for (const [run, n] of [
      [first, '1'],
      [second, '2'],
      [third, '3'],
    ] as const) {
      await eventually(async () => (await runOf(run.body.runId)).status).toBe('completed');
      expect((await runOf(run.body.runId)).output).toBe(n);
    }
    expect(await metric(/^mova_queue_depth\{workflow="serial"\}/)).toBe('mova_queue_depth{workflow="serial"} 0');
  });

  it('queue: a queued run cancelled before it starts never runs and is recorded nowhere', async () => {
    const first = await start('serial', '1');
    await eventually(() => service.arrived).toEqual(['1']);
    const queued = await start('serial', '2');
    expect(await api(`/api/v1/runs/${String(queued.body.runId)}/cancel`, {})).toMatchObject({ status: 202 });
    expect((await api(`/api/v1/runs/${String(queued.body.runId)}`)).status).toBe(404);
    service.release('1');
    await eventually(async () => (await runOf(first.body.runId)).status).toBe('completed');
    const third = await start('serial', '3');
    expect(third.body.status).toBe('running');
    await eventually(() => service.arrived).toEqual(['1', '3']);
    service.release('3');
    await eventually(async () => (await runOf(third.body.runId)).status).toBe('completed');
    const listed = (await api('/api/v1/runs?workflow=serial')).body.runs as { id: string }[];
    expect(listed.map((r) => r.id).sort()).toEqual([first.body.runId, third.body.runId].sort());
  });

  it('skip: a webhook at the limit is answered 429 with what to do, nothing is recorded, and the skip is counted', async () => {
    const hook = () => fetch(`${base}/hooks/once`, { method: 'POST', body: '{"n":"1"}' });
    const accepted = await hook();
    expect(accepted.status).toBe(202);
    await eventually(() => service.arrived).toEqual(['1']);
    const refused = await hook();
    expect(refused.status).toBe(429);
    expect(await refused.json()).toEqual({
      error:
        'workflow "once" already has 1 run(s) running (concurrency limit 1, onLimit "skip"); try again when one has ended',
      code: 'E_CONCURRENCY_LIMIT',
      hint: 'To have such runs wait for a slot instead, set the workflow\'s concurrency.onLimit to "queue".',
    });
    expect(((await api('/api/v1/runs?workflow=once')).body.runs as unknown[]).length).toBe(1);
    expect(await metric(/^mova_runs_skipped_total\{workflow="once"\}/)).toBe(
      'mova_runs_skipped_total{workflow="once"} 1',
    );
    // The API is refused the same way; once the run has ended, a new one starts.
    expect((await start('once', '2')).status).toBe(429);
    service.release('1');
    await eventually(async () => (await hook()).status).toBe(202);
  });

  it('cancel-older: a new run cancels the oldest running one, which records why, and takes its place', async () => {
    const older = await start('latest', 'a');
    await eventually(() => service.arrived).toEqual(['a']);
    const newer = await start('latest', 'b');
    expect(newer.body.status).toBe('queued');
    await eventually(async () => (await runOf(older.body.runId)).status).toBe('cancelled');
    expect((await runOf(older.body.runId)).error).toMatchObject({
      code: 'E_CANCELLED_BY_NEWER',
      kind: 'cancelled',
      message: 'cancelled to make room for a newer run of "latest" (concurrency limit 1, onLimit "cancel-older")',
    });
    await eventually(() => service.arrived).toEqual(['a', 'b']);
    service.release('b');
    await eventually(async () => (await runOf(newer.body.runId)).status).toBe('completed');
  });

  it('skip: a schedule that fires at the limit logs the refusal and counts it, and records no run', async () => {
    const project = await tempDir('mova-limits-cron-');
    const data = await tempDir('mova-limits-cron-data-');
    cleanups.push(project.remove, data.remove);
    await writeFile(
      join(project.path, 'tick.json'),
      JSON.stringify({
        ...limited('tick', 'skip', service.url),
        inputs: { type: 'object', properties: { n: { type: 'string', default: 'tick' } } },
        trigger: { schedule: { cron: '* * * * *' } },
      }),
    );
    // Time moves only when the test says: each advance fires the schedule once.
    let now = Date.parse('2026-12-05T10:00:30Z');
    const timers = new Map<number, { at: number; callback: () => void }>();
    let nextTimer = 1;
    const clock: Clock = {
      now: () => now,
      setTimeout: (callback, ms) => {
        timers.set(nextTimer, { at: now + ms, callback });
        return nextTimer++;
      },
      clearTimeout: (handle) => timers.delete(handle as number),
    };
    const fireNext = () => {
      const [id, next] = [...timers.entries()].sort((a, b) => a[1].at - b[1].at)[0] ?? [];
      if (id === undefined || !next) throw new Error('no timer is set');
      timers.delete(id);
      now = next.at;
      next.callback();
    };
    const lines: Record<string, unknown>[] = [];
    const cronMetrics = createMetrics();
    const cronRuntime = createRuntime({
      sources: [],
      store: new FileRunStore(data.path),
      allowHosts: [service.url.slice('http://'.length)],
    });
    const cron = await Engine.open(project.path, {
      runtime: cronRuntime,
      dataDir: data.path,
      clock,
      metrics: cronMetrics,
      log: (entry) => lines.push(entry),
    });
    await cron.start();
    fireNext();
    await eventually(() => service.arrived).toEqual(['tick']);
    fireNext();
    await eventually(() => lines.filter((l) => l.event === 'trigger.refused')).toEqual([
      expect.objectContaining({
        trigger: 'schedule',
        workflow: 'tick',
        error: expect.stringContaining('concurrency limit 1, onLimit "skip"'),
      }),
    ]);
    expect(await cronMetrics.metricsText()).toContain('mova_runs_skipped_total{workflow="tick"} 1');
    expect(await cronRuntime.store.listRuns()).toHaveLength(1);
    service.release('tick');
    await cron.stop(5000);
    await cronRuntime.close();
  });

  it('refuses a concurrency policy the schema does not allow, located at /concurrency', async () => {
    const checked = await runtime.validate(
      JSON.stringify({
        mova: '1.0',
        name: 'bad',
        concurrency: { limit: 0, onLimit: 'drop' },
        steps: [{ id: 'a', set: 1 }],
      }),
    );
    expect(checked.ok).toBe(false);
    const pointers = checked.ok ? [] : checked.issues.map((i) => i.pointer);
    expect(pointers).toEqual(expect.arrayContaining(['/concurrency/limit', '/concurrency/onLimit']));
  });
});
