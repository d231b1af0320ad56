import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { engineHandler } from '../src/engine/http.js';
import { RunQueue } from '../src/queue/run-queue.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { PgRunStore } from '../src/store/pg-run-store.js';
import type { RunRecord } from '../src/store/types.js';
import type { Workflow } from '../src/workflow/types.js';
import { bundleFixture } from './child-script.js';
import { tempDir } from './helpers.js';
import {
  DATABASE,
  dropQueueNamespace,
  killProcess,
  type LoopbackServer,
  queueNamespace,
  REDIS,
  requireQueueServices,
  startLoopbackServer,
} from './queue-services.js';

// Approvals and long waits in queue mode: two servers (in this process, each with its own queue,
// run store and HTTP API) and queue workers in processes of their own, on the local Redis and
// PostgreSQL under a fresh key prefix and schema, removed at the end.
const { prefix: PREFIX, schema: SCHEMA } = queueNamespace('approvals');
const TOKEN = 'approvals-test-token';

/**
 * A chat service and a counter on loopback. A message asking `auto` is acted on by a "person" who
 * approves through the link before the chat answers; `/count/<name>` counts calls.
 */
class Loopback {
  readonly messages: { n: number; approve: string; reject: string; decided?: number }[] = [];
  readonly counts = new Map<string, number>();
  private server?: LoopbackServer;
  host = '';

  async start(): Promise<void> {
    this.server = await startLoopbackServer(async (req, res) => {
      let body = '';
      for await (const chunk of req) body += chunk;
      if (req.url?.startsWith('/count/')) {
        const name = req.url.slice('/count/'.length);
        this.counts.set(name, (this.counts.get(name) ?? 0) + 1);
      } else {
        const message = JSON.parse(body) as { n: number; approve: string; reject: string; auto: boolean };
        const decided = message.auto ? (await fetch(message.approve, { method: 'POST' })).status : undefined;
        this.messages.push({ n: message.n, approve: message.approve, reject: message.reject, decided });
      }
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end('{}');
    });
    this.host = this.server.host;
  }

  /** A run's chat and counter URLs, the counter's under `name`. */
  inputs(name: string): { chat: string; count: string } {
    return { chat: `http://${this.host}/chat`, count: `http://${this.host}/count/${name}` };
  }

  stop(): void {
    this.server?.close();
  }
}

// Plain paths only: the bundled worker process evaluates no expression that needs the expression worker.
const COUNTED = { id: 'counted', uses: 'http_fetch', with: { url: '{{ inputs.count }}', method: 'POST' } };

const REFUND: Workflow = {
  mova: '1.0',
  name: 'refund',
  inputs: {
    type: 'object',
    properties: {
      chat: { type: 'string' },
      count: { type: 'string' },
      n: { type: 'integer' },
      auto: { type: 'boolean' },
    },
    required: ['chat', 'count', 'n', 'auto'],
  },
  steps: [
    {
      id: 'ok',
      approval: {
        message: 'Refund #{{ inputs.n }}?',
        timeout: '1h',
        notify: [
          {
            id: 'post',
            uses: 'http_fetch',
            with: {
              url: '{{ inputs.chat }}',
              method: 'POST',
              body: {
                json: {
                  n: '{{ inputs.n }}',
                  approve: '{{ approval.approveUrl }}',
                  reject: '{{ approval.rejectUrl }}',
                  auto: '{{ inputs.auto }}',
                },
              },
            },
          },
        ],
      },
    },
    COUNTED,
  ],
  output: { approved: '{{ steps.ok.output.approved }}', by: '{{ steps.ok.output.decidedBy }}' },
};

const NAP: Workflow = {
  mova: '1.0',
  name: 'nap',
  inputs: { type: 'object', properties: { count: { type: 'string' } }, required: ['count'] },
  steps: [{ id: 'nap', wait: { duration: '3s' } }, COUNTED],
};

const LAPSE: Workflow = {
  mova: '1.0',
  name: 'lapse',
  steps: [
    { id: 'ok', approval: { message: 'Nobody will answer', timeout: '2s', onTimeout: 'approve' } },
    { id: 'after', set: '{{ steps.ok.output }}' },
  ],
};

interface ServerUnderTest {
  url: string;
  runtime: Runtime;
  queue: RunQueue;
  engine: Engine;
  server: LoopbackServer;
}

let root: Awaited<ReturnType<typeof tempDir>>;
let loopback: Loopback;
let workerScript = '';
const servers: ServerUnderTest[] = [];
const workers = new Map<string, ChildProcessWithoutNullStreams>();

async function openServer(project: string, data: string): Promise<ServerUnderTest> {
  const runtime = createRuntime({ store: new PgRunStore({ connectionString: DATABASE, schema: SCHEMA }) });
  const queue = await RunQueue.open({ url: REDIS, prefix: PREFIX });
  const engine = await Engine.open(project, { runtime, dataDir: data, dispatch: queue });
  await engine.start();
  const server = await startLoopbackServer(engineHandler(engine, { token: TOKEN }));
  const { url } = server;
  engine.publicUrl = url;
  await engine.resumeUnfinished();
  return { url, runtime, queue, engine, server };
}

async function startWorker(name: string): Promise<void> {
  const data = join(root.path, `data-${name}`);
  const args = [REDIS, PREFIX, DATABASE, SCHEMA, join(root.path, 'project'), data, name, loopback.host];
  const child = spawn(process.execPath, [workerScript, ...args], { env: { ...process.env, NO_COLOR: '1' } });
  let output = '';
  child.stderr.on('data', (chunk) => {
    output += chunk;
  });
  await new Promise<void>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('READY')) resolve();
    });
    child.once('close', (code) => reject(new Error(`worker ${name} exited with ${code}: ${output}`)));
  });
  workers.set(name, child);
}

async function kill(name: string): Promise<void> {
  const child = workers.get(name);
  if (child) await killProcess(child);
}

async function api<T>(server: ServerUnderTest, path: string, body?: unknown): Promise<{ status: number; body: T }> {
  const response = await fetch(`${server.url}${path}`, {
    method: body === undefined ? 'GET' : 'POST',
    headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  return { status: response.status, body: (await response.json()) as T };
}

async function startRun(server: ServerUnderTest, workflow: string, inputs: unknown): Promise<string> {
  const started = await api<{ runId: string }>(server, '/api/v1/runs', { workflow, inputs });
  expect(started.status).toBe(202);
  return started.body.runId;
}

/** Polls the store until the run has this status (and, for waiting, its job has ended). */
async function runIn(runId: string, status: RunRecord['status'], within = 45_000): Promise<RunRecord> {
  const store = (servers[0] as ServerUnderTest).runtime.store;
  const until = Date.now() + within;
  for (;;) {
    const run = await store.getRun(runId);
    if (run?.status === status) return run;
    if (Date.now() > until) throw new Error(`run ${runId} is ${run?.status}, not ${status}: ${JSON.stringify(run)}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

beforeAll(async () => {
  await requireQueueServices();
  root = await tempDir('mova-queue-approvals-');
  loopback = new Loopback();
  await loopback.start();
  const project = join(root.path, 'project');
  await mkdir(project, { recursive: true });
  for (const workflow of [REFUND, NAP, LAPSE]) {
    await writeFile(join(project, `${workflow.name}.json`), JSON.stringify(workflow));
  }
  workerScript = await bundleFixture('queue-worker-child');
  for (const name of ['a', 'b']) servers.push(await openServer(project, join(root.path, `server-${name}`)));
  await Promise.all(['worker-1', 'worker-2'].map((name) => startWorker(name)));
}, 120_000);

afterAll(async () => {
  for (const name of workers.keys()) await kill(name);
  loopback?.stop();
  for (const { engine, queue, runtime, server } of servers) {
    await engine.stop(0);
    server.close();
    await queue.close();
    await runtime.close();
  }
  await dropQueueNamespace({ prefix: PREFIX, schema: SCHEMA });
  await root?.remove();
}, 60_000);

describe('queue mode: approvals and long waits', () => {
  it('parks an approval run, and resumes it once when two servers receive the same decision', async () => {
    const [a, b] = servers as [ServerUnderTest, ServerUnderTest];
    const runId = await startRun(a, 'refund', { ...loopback.inputs('refund-1'), n: 1, auto: false });
    const parked = await runIn(runId, 'waiting');
    expect(parked.steps.map((s) => [s.key, s.status])).toEqual([
      ['ok', 'waiting'],
      ['post', 'completed'],
    ]);
    // The notify step got links signed with the deployment's secret, at the URL a server announced.
    const message = loopback.messages.find((m) => m.n === 1);
    expect([a.url, b.url]).toContain(message?.approve.split('/approvals/')[0]);
    expect((await fetch(message?.approve ?? '', { headers: { accept: 'application/json' } })).status).toBe(200);

    const decisions = await Promise.all(
      [a, b].map((server) => api(server, `/api/v1/runs/${runId}/approve`, { step: 'ok', by: 'alice' })),
    );
    expect(decisions.map((d) => d.status).sort()).toEqual([200, 409]);
    const run = await runIn(runId, 'completed');
    expect(run.output).toEqual({ approved: true, by: 'alice' });
    expect(run.steps.map((s) => [s.key, s.status])).toEqual([
      ['ok', 'completed'],
      ['post', 'completed'],
      ['counted', 'completed'],
    ]);
    expect(loopback.counts.get('refund-1')).toBe(1);
    expect(loopback.messages.filter((m) => m.n === 1)).toHaveLength(1);
  }, 60_000);

  it('resumes a run whose notify step sent the links to a service that approved at once', async () => {
    const runId = await startRun(servers[1] as ServerUnderTest, 'refund', {
      ...loopback.inputs('refund-2'),
      n: 2,
      auto: true,
    });
    const run = await runIn(runId, 'completed');
    expect(run.output).toEqual({ approved: true, by: 'link' });
    expect(loopback.messages.find((m) => m.n === 2)?.decided).toBe(200);
    expect(loopback.counts.get('refund-2')).toBe(1);
  }, 60_000);

  it('cancels a parked run through any server; its links and the API then refuse a decision', async () => {
    const [a, b] = servers as [ServerUnderTest, ServerUnderTest];
    const runId = await startRun(a, 'refund', { ...loopback.inputs('refund-4'), n: 4, auto: false });
    await runIn(runId, 'waiting');
    expect((await api(b, `/api/v1/runs/${runId}/cancel`, {})).status).toBe(200);
    expect((await api(a, `/api/v1/runs/${runId}/approve`, { step: 'ok' })).status).toBe(409);
    const link = loopback.messages.find((m) => m.n === 4)?.approve ?? '';
    expect((await fetch(link, { method: 'POST' })).status).toBe(409);
    const run = await runIn(runId, 'cancelled');
    expect(run.steps.map((s) => [s.key, s.status])).toEqual([
      ['ok', 'failed'],
      ['post', 'completed'],
    ]);
  }, 60_000);

  it('applies onTimeout when nobody decides, from a delayed wake-up job', async () => {
    const runId = await startRun(servers[0] as ServerUnderTest, 'lapse', {});
    await runIn(runId, 'waiting');
    const run = await runIn(runId, 'completed');
    expect(run.steps.find((s) => s.key === 'ok')?.output).toMatchObject({ approved: true, decidedBy: 'timeout' });
  }, 60_000);

  it('ends a long wait on time though every worker was killed with -9 while it waited', async () => {
    const runId = await startRun(servers[0] as ServerUnderTest, 'nap', { count: loopback.inputs('nap-3').count });
    const parked = await runIn(runId, 'waiting');
    const until = Date.parse((parked.steps[0]?.output as { until: string } | undefined)?.until ?? '');
    await Promise.all(['worker-1', 'worker-2'].map((name) => kill(name)));
    // Past the due time with no worker: the wake-up waits in Redis, the run in the store.
    while (Date.now() < until + 500) await new Promise((resolve) => setTimeout(resolve, 100));
    expect((await servers[0]?.runtime.store.getRun(runId))?.status).toBe('waiting');
    await startWorker('worker-3');
    const run = await runIn(runId, 'completed');
    expect(run.steps.map((s) => [s.key, s.status])).toEqual([
      ['nap', 'completed'],
      ['counted', 'completed'],
    ]);
    expect(['worker-1', 'worker-2']).toContain(run.steps[0]?.worker);
    expect(run.steps[1]?.worker).toBe('worker-3');
    expect(loopback.counts.get('nap-3')).toBe(1);
  }, 60_000);
});
