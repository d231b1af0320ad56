import { once } from 'node:events';
import { mkdir, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { connectionsFrom } from '../src/connections/connections.js';
import type { Clock } from '../src/engine/clock.js';
import { Engine, ProjectError } from '../src/engine/engine.js';
import { engineHandler, type HandlerOptions } from '../src/engine/http.js';
import { signBody } from '../src/engine/signature.js';
import { createMetrics } from '../src/metrics/metrics.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { buildFixtureManifests, FIXTURES, tempDir } from './helpers.js';

type Temp = Awaited<ReturnType<typeof tempDir>>;
let project: Temp;
let data: Temp;
const cleanups: (() => Promise<unknown>)[] = [];

beforeAll(async () => {
  await buildFixtureManifests();
});
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});
afterAll(async () => {});

const connections = connectionsFrom({ 'gh-hook': { connector: 'webhook', auth: { secret: 'hook-secret-1' } } });

async function freshDirs() {
  project = await tempDir('mova-engine-project-');
  data = await tempDir('mova-engine-data-');
  cleanups.push(project.remove, data.remove);
}

/** A clock whose timers never fire: the test polls with pollNow, so no timer poll races it. */
const stillClock: Clock = { now: () => Date.now(), setTimeout: () => 0, clearTimeout: () => {} };

/** An engine over the project folder as `serve` builds it: fixture connectors, a file store in the data dir. */
async function openEngine(clock?: Clock): Promise<{ engine: Engine; runtime: Runtime }> {
  const runtime = createRuntime({
    sources: [new WorkspaceSource(FIXTURES)],
    store: new FileRunStore(data.path),
    connections,
  });
  const engine = await Engine.open(project.path, {
    runtime,
    connections,
    dataDir: data.path,
    ...(clock ? { clock } : {}),
  });
  return { engine, runtime };
}

async function writeWorkflow(file: string, workflow: unknown) {
  await mkdir(join(project.path, 'workflows'), { recursive: true });
  await writeFile(join(project.path, 'workflows', file), JSON.stringify(workflow));
}

const watcher = (widgets: string[]) => ({
  mova: '1.0',
  name: 'new-widgets',
  inputs: { type: 'object', required: ['id'], properties: { id: { type: 'string' } } },
  trigger: {
    uses: '@acme/connector-widgets/widgets.new@^0.3',
    with: { widgets: widgets.map((id) => ({ id })) },
    every: '1h',
  },
  steps: [{ id: 'seen', set: '{{ inputs.id }}' }],
});

describe('Engine: connector polling triggers', () => {
  it('starts one run per new item, and none for items seen before a restart', async () => {
    await freshDirs();
    const runIds = async (runtime: Runtime) => (await runtime.store.listRuns()).map((r) => r.output).sort();

    // First life: the first poll records w1 and starts nothing.
    await writeWorkflow('watch.json', watcher(['w1']));
    let { engine, runtime } = await openEngine(stillClock);
    await engine.start();
    expect(await engine.poller('new-widgets')?.pollNow()).toBe(0);
    await engine.stop(5000);
    await runtime.close();
    expect(await runIds(runtime)).toEqual([]);

    // Second life: w2 and w3 are new; w1 is not, although this process never saw it.
    await writeWorkflow('watch.json', watcher(['w1', 'w2', 'w3']));
    ({ engine, runtime } = await openEngine(stillClock));
    await engine.start();
    expect(await engine.poller('new-widgets')?.pollNow()).toBe(2);
    await engine.stop(10_000);
    await runtime.close();
    expect(await runIds(runtime)).toEqual(['w2', 'w3']);

    // Third life: nothing new, nothing runs.
    ({ engine, runtime } = await openEngine(stillClock));
    await engine.start();
    expect(await engine.poller('new-widgets')?.pollNow()).toBe(0);
    await engine.stop(5000);
    expect(await runIds(runtime)).toEqual(['w2', 'w3']);
    await runtime.close();
  });

  it('refuses a trigger the connector does not have, located at /trigger/uses', async () => {
    await freshDirs();
    const wrong = watcher([]);
    wrong.trigger.uses = '@acme/connector-widgets/widgets.gone@^0.3';
    await writeWorkflow('watch.json', wrong);
    const error = await openEngine(stillClock).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectError);
    expect((error as ProjectError).issues).toEqual([
      expect.objectContaining({
        pointer: '/trigger/uses',
        message: 'names "widgets.gone", which @acme/connector-widgets@0.3.1 has no trigger of',
        hint: 'Its polling triggers: widgets.new.',
      }),
    ]);
  });
});

describe('Engine: schedules', () => {
  it('starts a run at the fire time on its clock, and refuses a scheduled workflow that needs inputs', async () => {
    await freshDirs();
    let now = Date.parse('2026-06-01T08:59:59Z');
    const timers: (() => void)[] = [];
    const clock: Clock = {
      now: () => now,
      setTimeout: (callback) => timers.push(callback),
      clearTimeout: () => {},
    };
    await writeWorkflow('daily.json', {
      mova: '1.0',
      name: 'daily',
      trigger: { schedule: { cron: '0 9 * * *', timezone: 'UTC' } },
      steps: [{ id: 'tick', set: 'ran' }],
    });
    const { engine, runtime } = await openEngine(clock);
    cleanups.push(async () => {
      await engine.stop(5000);
      await runtime.close();
    });
    await engine.start();
    const schedule = engine.schedule('daily');
    expect(schedule?.nextFire?.toISOString()).toBe('2026-06-01T09:00:00.000Z');
    now = Date.parse('2026-06-01T09:00:00Z');
    timers.shift()?.();
    await schedule?.settled();
    let runs = await runtime.store.listRuns();
    for (let i = 0; i < 100 && runs[0]?.status !== 'completed'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 20));
      runs = await runtime.store.listRuns();
    }
    expect(runs).toEqual([expect.objectContaining({ workflow: 'daily', status: 'completed', output: 'ran' })]);
    expect(schedule?.nextFire?.toISOString()).toBe('2026-06-02T09:00:00.000Z');

    await writeWorkflow('needs.json', {
      mova: '1.0',
      name: 'needs',
      inputs: { type: 'object', required: ['x'], properties: { x: { type: 'string' } } },
      trigger: { schedule: { cron: '0 9 * * *' } },
      steps: [{ id: 'a', set: 1 }],
    });
    const error = await openEngine(clock).catch((e: unknown) => e);
    expect((error as ProjectError).issues).toEqual([
      expect.objectContaining({ pointer: '/inputs', message: 'requires inputs, but a scheduled run has none' }),
    ]);
  });
});

describe('Engine: webhooks over HTTP', () => {
  async function serve(options: HandlerOptions = {}): Promise<{ url: string; engine: Engine }> {
    const { engine, runtime } = await openEngine();
    await engine.start();
    const server: Server = createServer(engineHandler(engine, options));
    server.listen(0, '127.0.0.1');
    await once(server, 'listening');
    cleanups.push(async () => {
      server.close();
      await engine.stop(5000);
      await runtime.close();
    });
    return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, engine };
  }

  it('answers a signed request with the run output, refuses a bad signature with 401 and starts nothing', async () => {
    await freshDirs();
    await writeWorkflow('push.json', {
      mova: '1.0',
      name: 'on-push',
      inputs: { type: 'object', properties: { ref: { type: 'string' } } },
      trigger: {
        webhook: { path: 'github/push', respond: 'output', signature: { scheme: 'github', secret: 'gh-hook' } },
      },
      steps: [{ id: 'branch', set: "{{ $substringAfter(inputs.ref, 'refs/heads/') }}" }],
    });
    const { url, engine } = await serve();
    const body = JSON.stringify({ ref: 'refs/heads/main' });
    const signed = signBody('github', 'hook-secret-1', body, Date.now());
    const ok = await fetch(`${url}/hooks/github/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...signed },
      body,
    });
    expect(ok.status).toBe(200);
    const answer = (await ok.json()) as { runId: string; status: string; output: unknown };
    expect(answer).toMatchObject({ status: 'completed', output: 'main' });

    const forged = signBody('github', 'wrong-secret', body, Date.now());
    const refused = await fetch(`${url}/hooks/github/push`, { method: 'POST', headers: forged, body });
    expect(refused.status).toBe(401);
    const unsigned = await fetch(`${url}/hooks/github/push`, { method: 'POST', body });
    expect(unsigned.status).toBe(401);
    expect((await engine.store.listRuns()).map((r) => r.id)).toEqual([answer.runId]);

    const run = (await (await fetch(`${url}/api/v1/runs/${answer.runId}`)).json()) as { steps: { id: string }[] };
    expect(run.steps.map((s) => s.id)).toEqual(['branch']);
    expect((await fetch(`${url}/hooks/github/push`, { method: 'GET' })).status).toBe(405);
    expect((await fetch(`${url}/hooks/nowhere`, { method: 'POST', body })).status).toBe(404);
  });

  it('serves /metrics and /api/v1/breakers behind the token when one is set', async () => {
    await freshDirs();
    await writeWorkflow('hook.json', { mova: '1.0', name: 'hook', steps: [{ id: 'a', set: 1 }] });
    const { url } = await serve({ token: 't0ken', metrics: createMetrics() });
    const auth = { authorization: 'Bearer t0ken' };
    expect((await fetch(`${url}/metrics`)).status).toBe(401);
    expect((await fetch(`${url}/api/v1/breakers`)).status).toBe(401);
    const metrics = await fetch(`${url}/metrics`, { headers: auth });
    expect(metrics.status).toBe(200);
    expect(await metrics.text()).toContain('# TYPE mova_runs_started_total counter');
    expect(await (await fetch(`${url}/api/v1/breakers`, { headers: auth })).json()).toEqual({ breakers: [] });
  });

  it('refuses a project whose webhook secret connection is missing, located in its file', async () => {
    await freshDirs();
    await writeWorkflow('hook.json', {
      mova: '1.0',
      name: 'hook',
      trigger: { webhook: { path: 'x', signature: { scheme: 'slack', secret: 'nope' } } },
      steps: [{ id: 'a', set: 1 }],
    });
    const error = await openEngine().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ProjectError);
    expect((error as ProjectError).issues).toEqual([
      expect.objectContaining({
        file: join('workflows', 'hook.json'),
        pointer: '/trigger/webhook/signature/secret',
        message: 'names the connection "nope", which is not defined',
      }),
    ]);
  });
});
