import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { mkdir, writeFile } from 'node:fs/promises';
import { request } from 'node:http';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildManifest, MANIFEST_FILE } from '@mova/sdk';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectorStore } from '../src/sources/connector-store.js';
import type { RunRecord } from '../src/store/types.js';
import { bundleConnector } from './bundle-connector.js';
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

// Queue mode end to end: one `serve --queue` and three `worker` processes of the built CLI, on the
// local Redis and PostgreSQL, with a fresh Redis key prefix and PostgreSQL schema per test run.
const BIN = fileURLToPath(new URL('../../cli/bin/run.js', import.meta.url));
const NAMESPACE = queueNamespace('queue');
const STORE = `${DATABASE}?schema=${NAMESPACE.schema}`;
const TOKEN = 'queue-test-token';
const RUNS = 500;
const WORKERS = ['worker-a', 'worker-b', 'worker-c'];
const VICTIM = 'worker-a';

/** A loopback server that counts POST /count/<name> and answers after a short delay, so runs overlap. */
class Counter {
  readonly counts = new Map<string, number>();
  total = 0;
  private server?: LoopbackServer;
  url = '';

  async start(): Promise<void> {
    this.server = await startLoopbackServer((req, res) => {
      const name = decodeURIComponent(req.url?.replace(/^\/count\//, '') ?? '');
      const count = (this.counts.get(name) ?? 0) + 1;
      this.counts.set(name, count);
      this.total++;
      setTimeout(() => {
        res.setHeader('content-type', 'application/json');
        res.end(JSON.stringify({ count }));
      }, 10);
    });
    this.url = this.server.url;
  }

  stop(): void {
    this.server?.close();
  }
}

/** Builds the counter connector (one action, declared idempotent, allowed to reach only the counter). */
async function counterConnector(root: string, counterHost: string): Promise<string> {
  const dir = join(root, 'counter-1.0.0');
  await mkdir(join(dir, 'dist'), { recursive: true });
  const bundle = join(dir, 'dist', 'connector.mjs');
  const connector = await bundleConnector(
    {
      source: `
        import { Auth, ConnectorError, defineAction, defineConnector, Type } from '@mova/sdk';
        const put = defineAction({
          key: 'calls.put',
          title: 'Put a call',
          description: 'Counts one call under a name; declared idempotent, so a redelivered run may repeat it',
          idempotent: true,
          input: Type.Object({ url: Type.String(), name: Type.String() }),
          output: Type.Object({ count: Type.Integer() }),
          async run({ input, ctx }) {
            const response = await fetch(input.url + '/count/' + encodeURIComponent(input.name), { method: 'POST', signal: ctx.signal });
            if (!response.ok) throw new ConnectorError('the counter answered ' + response.status, { kind: 'transient' });
            return response.json();
          },
        });
        export default defineConnector({
          name: 'counter', title: 'Counter', description: 'Counts calls on a loopback server', categories: [],
          auth: Auth.none(), network: { allow: [${JSON.stringify(counterHost)}] }, actions: [put],
        });`,
    },
    bundle,
  );
  const manifest = buildManifest(connector, { name: '@mova/connector-counter', version: '1.0.0' });
  await writeFile(join(dir, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`);
  await writeFile(
    join(dir, 'package.json'),
    JSON.stringify({ name: '@mova/connector-counter', version: '1.0.0', type: 'module', main: './dist/connector.mjs' }),
  );
  return dir;
}

/** Three idempotent calls per run, named `<n>-one` … on the counter. */
const COUNTED = {
  mova: '1.0',
  name: 'counted',
  inputs: {
    type: 'object',
    properties: { url: { type: 'string' }, n: { type: 'integer' } },
    required: ['url', 'n'],
  },
  steps: ['one', 'two', 'three'].map((id) => ({
    id,
    uses: 'counter/calls.put@^1',
    with: { url: '{{ inputs.url }}', name: `{{ inputs.n }}-${id}` },
  })),
  output: { three: '{{ steps.three.output.count }}' },
};

/** A webhook that answers with the run's output: the server waits on the queued job's end. */
const ECHO = {
  mova: '1.0',
  name: 'echo',
  inputs: { type: 'object', properties: { word: { type: 'string' } }, required: ['word'] },
  trigger: { webhook: { path: 'echo', respond: 'output', timeout: '30s' } },
  steps: [{ id: 'shout', set: '{{ $uppercase(inputs.word) }}' }],
  output: { shout: '{{ steps.shout.output }}' },
};

interface Started {
  child: ChildProcessWithoutNullStreams;
  stderr: () => string;
  /** The first JSON line the command printed on stdout (serve's address, a worker's name). */
  info: Promise<Record<string, unknown>>;
}

function start(args: string[], cwd: string): Started {
  const child = spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { ...process.env, NO_COLOR: '1', MOVA_QUEUE: undefined, MOVA_RUN_STORE: undefined },
  });
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  let stdout = '';
  const info = new Promise<Record<string, unknown>>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      // --json prints one object once the command is ready (pretty-printed: wait for its end).
      if (/}\s*$/.test(stdout)) {
        try {
          resolve(JSON.parse(stdout) as Record<string, unknown>);
        } catch {
          // Not the whole object yet.
        }
      }
    });
    child.on('close', (code) => reject(new Error(`${args[0]} exited with ${code}: ${stderr}`)));
  });
  info.catch(() => {});
  return { child, stderr: () => stderr, info };
}

async function stopAll(processes: Started[]): Promise<void> {
  await Promise.all(processes.map(({ child }) => killProcess(child)));
}

let root: Awaited<ReturnType<typeof tempDir>>;
let counter: Counter;
let base = '';
const processes: Started[] = [];
const workers = new Map<string, Started>();

beforeAll(async () => {
  if (!existsSync(fileURLToPath(new URL('../../cli/dist/commands/worker.js', import.meta.url)))) {
    throw new Error('cli/dist is missing: build first with `npm run build` at the repository root');
  }
  await requireQueueServices();

  root = await tempDir('mova-queue-');
  counter = new Counter();
  await counter.start();
  const data = join(root.path, 'data');
  await new ConnectorStore(join(data, 'connectors')).add(
    await counterConnector(join(root.path, 'build'), counter.url.replace('http://', '')),
  );
  const project = join(root.path, 'project');
  await mkdir(project, { recursive: true });
  await writeFile(join(project, 'counted.json'), JSON.stringify(COUNTED));
  await writeFile(join(project, 'echo.json'), JSON.stringify(ECHO));
  const common = ['--dir', 'project', '--data-dir', 'data', '--queue', REDIS, '--queue-prefix', NAMESPACE.prefix];
  const server = start(['serve', ...common, '--store', STORE, '--port', '0', '--token', TOKEN, '--json'], root.path);
  processes.push(server);
  base = String((await server.info).url);
  for (const name of WORKERS) {
    const worker = start(
      [
        'worker',
        ...common,
        '--store',
        STORE,
        '--name',
        name,
        '--concurrency',
        '8',
        // Test only: a dead worker's jobs move on after 2 s instead of 30 s.
        '--lock-duration',
        '2000',
        '--stalled-interval',
        '1000',
        '--json',
      ],
      root.path,
    );
    processes.push(worker);
    workers.set(name, worker);
  }
  await Promise.all([...workers.values()].map((w) => w.info));
  // Four CLI processes start at once: over a minute on 2 cores under a load average of 30.
}, 300_000);

afterAll(async () => {
  await stopAll(processes);
  counter?.stop();
  await dropQueueNamespace(NAMESPACE);
  await root?.remove();
}, 60_000);

/**
 * One request to serve on a connection of its own: a reused keep-alive connection that the server
 * closes as idle at the same moment fails with "other side closed", which a loaded machine makes likely.
 */
function call(path: string, method: string, body?: string, headers: Record<string, string> = {}) {
  return new Promise<{ status: number; text: string }>((resolve, reject) => {
    const req = request(`${base}${path}`, { method, agent: false, headers }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        text += chunk;
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function api<T>(
  path: string,
  init: { method?: string; body?: string } = {},
): Promise<{ status: number; body: T }> {
  const { status, text } = await call(path, init.method ?? 'GET', init.body, {
    authorization: `Bearer ${TOKEN}`,
    'content-type': 'application/json',
  });
  return { status, body: JSON.parse(text) as T };
}

/** Every run of the counted workflow in the store: the API's pages, newest first. */
async function allRuns(): Promise<{ id: string; status: string }[]> {
  const runs: { id: string; status: string }[] = [];
  let after = '';
  for (;;) {
    const page = await api<{ runs: { id: string; status: string }[]; next: string | null }>(
      `/api/v1/runs?workflow=counted&limit=200${after ? `&after=${after}` : ''}`,
    );
    runs.push(...page.body.runs);
    if (!page.body.next) return runs;
    after = page.body.next;
  }
}

describe('queue mode: serve --queue with three workers', () => {
  it('completes each of 500 runs exactly once though a worker is killed with -9 mid-run, and names the worker of each step', async () => {
    const ids: string[] = [];
    let next = 0;
    // Twenty clients at once put the runs on the queue through the API, while the workers run them.
    const queued = Promise.all(
      Array.from({ length: 20 }, async () => {
        while (next < RUNS) {
          const n = next++;
          const started = await api<{ runId: string; status: string }>('/api/v1/runs', {
            method: 'POST',
            body: JSON.stringify({ workflow: 'counted', inputs: { url: counter.url, n } }),
          });
          expect(started.status).toBe(202);
          ids[n] = started.body.runId;
        }
      }),
    );
    // Mid-run: a fifth of the calls made, so the victim holds runs between steps.
    while (counter.total < (RUNS * 3) / 5) await new Promise((resolve) => setTimeout(resolve, 10));
    const victim = workers.get(VICTIM) as Started;
    await killProcess(victim.child);
    await queued;

    let runs = await allRuns();
    while (runs.filter((r) => r.status === 'completed').length < RUNS && runs.every((r) => r.status !== 'failed')) {
      await new Promise((resolve) => setTimeout(resolve, 250));
      runs = await allRuns();
    }
    // One record per accepted run, each completed: none lost, none recorded twice.
    expect(runs.length).toBe(RUNS);
    expect(new Set(runs.map((r) => r.id))).toEqual(new Set(ids));
    expect(runs.filter((r) => r.status !== 'completed')).toEqual([]);

    const records = await Promise.all(ids.map(async (id) => (await api<RunRecord>(`/api/v1/runs/${id}`)).body));
    const stepWorkers = new Set<string>();
    let handedOver = 0;
    for (const record of records) {
      expect(record.steps.map((s) => [s.id, s.status])).toEqual([
        ['one', 'completed'],
        ['two', 'completed'],
        ['three', 'completed'],
      ]);
      const names = record.steps.map((s) => s.worker);
      for (const name of names) {
        expect(WORKERS).toContain(name);
        stepWorkers.add(name as string);
      }
      // Begun on the killed worker, finished on another: resumed there, completed steps not run again.
      if (names[0] === VICTIM && names[2] !== VICTIM) handedOver++;
    }
    expect([...stepWorkers].sort()).toEqual(WORKERS);
    expect(handedOver).toBeGreaterThan(0);
    // At least once: every step called, and again only when it was in flight on the killed worker
    // (at most its concurrency, 8, of them).
    let repeated = 0;
    for (const record of records) {
      const n = (record.inputs as { n: number }).n;
      for (const step of record.steps) {
        const calls = counter.counts.get(`${n}-${step.id}`) ?? 0;
        expect(calls).toBeGreaterThan(0);
        repeated += calls - 1;
      }
    }
    expect(repeated).toBeLessThanOrEqual(8);
    const live = WORKERS.filter((name) => name !== VICTIM).map((name) => workers.get(name) as Started);
    for (const worker of live) expect(worker.child.exitCode).toBe(null);
    // About 90 s on 2 cores under a load average of 20; room for a slower CI machine.
  }, 300_000);

  it('answers a webhook with the output of the run a worker ran', async () => {
    const response = await call('/hooks/echo', 'POST', JSON.stringify({ word: 'queued' }), {
      'content-type': 'application/json',
    });
    const answer = JSON.parse(response.text) as { runId: string; status: string; output: unknown };
    expect(response.status, response.text).toBe(200);
    expect(answer).toMatchObject({ status: 'completed', output: { shout: 'QUEUED' } });
    const run = await api<RunRecord>(`/api/v1/runs/${answer.runId}`);
    expect(run.body.steps.map((s) => [s.id, s.status])).toEqual([['shout', 'completed']]);
    expect(WORKERS.filter((name) => name !== VICTIM)).toContain(run.body.steps[0]?.worker);
    // The webhook waits up to its 30 s timeout for a worker; the test allows for a loaded machine.
  }, 90_000);

  it('refuses queue mode without the PostgreSQL run store, saying what to pass', async () => {
    for (const command of ['serve', 'worker']) {
      const refused = start([command, '--dir', 'project', '--data-dir', 'data', '--queue', REDIS], root.path);
      const [code] = await once(refused.child, 'close');
      expect(code).toBe(2);
      expect(refused.stderr()).toMatch(/PostgreSQL run store/);
      expect(refused.stderr()).toContain('--store postgres://');
    }
    // Two CLI starts: seconds each on a loaded machine.
  }, 120_000);

  it('drains a worker on SIGTERM: it takes no new jobs and exits 0', async () => {
    const worker = workers.get('worker-b') as Started;
    worker.child.kill('SIGTERM');
    const [code] = await once(worker.child, 'close');
    expect(code, worker.stderr()).toBe(0);
    expect(worker.stderr()).toMatch(/Stopped: \d+ run\(s\) finished, 0 cancelled/);
  }, 60_000);
});
