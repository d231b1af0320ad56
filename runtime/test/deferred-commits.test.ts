import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Engine } from '../src/engine/engine.js';
import { createRuntime } from '../src/runtime.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { SqliteRunStore } from '../src/store/sqlite-run-store.js';
import type { RunStore, WriteOptions } from '../src/store/types.js';
import type { Workflow } from '../src/workflow/types.js';
import { bundleFixture } from './child-script.js';
import { tempDir } from './helpers.js';

// Pure steps (set, if, repeat, try) are recorded without their own commit: the run's end is its only one.
const PURE: Workflow = {
  mova: '1.0',
  name: 'pure',
  inputs: { type: 'object', properties: { n: { type: 'integer' } } },
  steps: [
    { id: 'double', set: '{{ inputs.n * 2 }}' },
    // biome-ignore lint/suspicious/noThenProperty: a branch step's "then" is its list of steps
    { id: 'big', if: '{{ steps.double.output > 1 }}', then: [{ id: 'yes', set: true }] },
    { id: 'each', repeat: { for_each: [1, 2] }, do: [{ id: 'sq', set: '{{ item * item }}' }] },
    { id: 'guard', try: [{ id: 'inner', set: 'ok' }], catch: { do: [{ id: 'oops', set: 'caught' }] } },
  ],
  output: { doubled: '{{ steps.double.output }}' },
};

let dir: Awaited<ReturnType<typeof tempDir>>;
let child: string;
let server: Server;
let serverUrl: string;
/** Called when the test server gets a request; the server never answers unless told to. */
let onRequest: (answer: () => void) => void = (answer) => answer();

beforeAll(async () => {
  dir = await tempDir('mova-deferred-');
  child = await bundleFixture('deferred-child');
  server = createServer((_request, response) => {
    onRequest(() => response.end('{"ok":true}'));
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  serverUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/call`;
});
afterAll(async () => {
  server.closeAllConnections();
  server.close();
  await rm(child, { force: true });
  await dir.remove();
});

/** Where the write options are among the arguments of the writes that take them. */
const WRITE_OPTIONS_AT: Record<string, number> = { createRun: 1, appendStep: 2, updateStep: 3 };

/** Counts the writes a store is asked to make durable before they resolve. */
function countingDurable(store: RunStore): { store: RunStore; durable: () => number } {
  let count = 0;
  const durable = (options?: WriteOptions) => {
    if (options?.durable !== false) count++;
  };
  const counted: RunStore = new Proxy(store, {
    get(target, property) {
      const value: unknown = Reflect.get(target, property, target);
      if (typeof value !== 'function') return value;
      return (...args: unknown[]) => {
        const at = WRITE_OPTIONS_AT[String(property)];
        if (at !== undefined) durable(args[at] as WriteOptions | undefined);
        if (property === 'updateRun' || property === 'flush') count++;
        return value.apply(target, args);
      };
    },
  });
  return { store: counted, durable: () => count };
}

describe('one durable commit for a run of pure steps', () => {
  it('the file store syncs a pure run once, at its end, and the record is whole', async () => {
    const commits: string[] = [];
    const data = join(dir.path, 'file-pure');
    const runtime = createRuntime({ store: new FileRunStore(data, { onCommit: (id) => commits.push(id) }) });
    const result = await runtime.run(PURE, { n: 21 });
    await runtime.close();
    expect(result).toMatchObject({ status: 'completed', output: { doubled: 42 } });
    expect(commits).toEqual([result.runId]);
    const fresh = new FileRunStore(data);
    const run = await fresh.getRun(result.runId);
    await fresh.close();
    expect(run?.status).toBe('completed');
    expect(run?.steps.map((s) => `${s.key}:${s.status}`)).toEqual([
      'double:completed',
      'big:completed',
      'yes:completed',
      'each:completed',
      'sq[0]:completed',
      'sq[1]:completed',
      'guard:completed',
      'inner:completed',
    ]);
  });

  it('the SQLite store is asked for one durable write for a pure run', async () => {
    const counting = countingDurable(new SqliteRunStore(join(dir.path, 'pure.sqlite')));
    const runtime = createRuntime({ store: counting.store });
    const result = await runtime.run(PURE, { n: 1 });
    expect(result.status).toBe('completed');
    expect(counting.durable()).toBe(1);
    const run = await counting.store.getRun(result.runId);
    await runtime.close();
    expect(run?.status).toBe('completed');
    expect(run?.steps.filter((s) => s.status === 'completed')).toHaveLength(8);
  });

  it('a uses step is durable before it calls out (covering the run) and after it, then the end', async () => {
    const commits: string[] = [];
    const seen: number[] = [];
    onRequest = (answer) => {
      seen.push(commits.length);
      answer();
    };
    const runtime = createRuntime({
      store: new FileRunStore(join(dir.path, 'file-uses'), { onCommit: (id) => commits.push(id) }),
      allowHosts: [new URL(serverUrl).host],
    });
    const result = await runtime.run({
      mova: '1.0',
      name: 'calls',
      inputs: { type: 'object' },
      steps: [
        { id: 'before', set: 1 },
        { id: 'call', uses: 'http_fetch', with: { url: serverUrl } },
        { id: 'after', set: 2 },
      ],
    });
    await runtime.close();
    expect(result.status).toBe('completed');
    // The call came after one commit: the run, `before` and the call's start, synced together.
    expect(seen).toEqual([1]);
    expect(commits).toHaveLength(3);
  });
});

describe('serve answers a webhook after the run is on disk', () => {
  it('respond: output costs one commit; respond: accepted commits before the 202', async () => {
    const project = join(dir.path, 'project');
    await mkdir(join(project, 'workflows'), { recursive: true });
    const hook = (path: string, respond: string) => ({
      ...PURE,
      name: `hook-${path}`,
      trigger: { webhook: { path, respond } },
    });
    await writeFile(join(project, 'workflows', 'out.json'), JSON.stringify(hook('out', 'output')));
    await writeFile(join(project, 'workflows', 'acc.json'), JSON.stringify(hook('acc', 'accepted')));
    const commits: string[] = [];
    const data = join(dir.path, 'serve-data');
    const runtime = createRuntime({ store: new FileRunStore(data, { onCommit: (id) => commits.push(id) }) });
    const engine = await Engine.open(project, { runtime, dataDir: data });
    const post = (path: string) =>
      engine.handleWebhook({
        method: 'POST',
        path,
        headers: { 'content-type': 'application/json' },
        body: Buffer.from('{"n":2}'),
      });
    try {
      const answered = await post('out');
      expect(answered).toMatchObject({ status: 200, body: { output: { doubled: 4 } } });
      const outId = (answered.body as { runId: string }).runId;
      expect(commits.filter((id) => id === outId)).toHaveLength(1);

      const accepted = await post('acc');
      expect(accepted.status).toBe(202);
      const accId = (accepted.body as { runId: string }).runId;
      expect(commits).toContain(accId);
    } finally {
      await engine.stop(5000);
      await runtime.close();
    }
  });
});

/** Runs the child until it prints `MID` (pure) or the test server gets its call (action), then kills it with SIGKILL. */
async function killMidRun(kind: string, location: string, mode: 'pure' | 'action'): Promise<string> {
  let output = '';
  let proc: ChildProcess | undefined;
  const reached = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the child did not get there: ${output}`)), 30_000);
    onRequest = () => {
      clearTimeout(timer);
      resolve();
    };
    proc = spawn(process.execPath, [child, kind, location, mode, serverUrl], { stdio: ['ignore', 'pipe', 'pipe'] });
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      if (mode === 'pure' && output.includes('MID ')) {
        clearTimeout(timer);
        resolve();
      }
    };
    proc.stdout?.on('data', read);
    proc.stderr?.on('data', read);
    proc.once('exit', (code) => reject(new Error(`the child exited (${code}): ${output}`)));
  });
  await reached;
  if (!proc) throw new Error('the child did not start');
  const exited = once(proc, 'exit');
  proc.kill('SIGKILL');
  await exited;
  return output;
}

describe.each([
  ['file', (path: string) => new FileRunStore(path)],
  ['sqlite', (path: string) => new SqliteRunStore(join(path, 'runs.sqlite'))],
] as const)('kill -9 of a %s-store run', (kind, open) => {
  it('between pure steps leaves no run, or an interrupted one: never a running one', async () => {
    const location = join(dir.path, `kill-pure-${kind}`);
    await mkdir(location, { recursive: true });
    const output = await killMidRun(kind, kind === 'sqlite' ? join(location, 'runs.sqlite') : location, 'pure');
    const store = open(location);
    await store.markInterrupted();
    const runs = await store.listRuns();
    const runId = /MID (\S+)/.exec(output)?.[1];
    const run = runId ? await store.getRun(runId) : undefined;
    await store.close();
    expect(runs.filter((r) => r.status === 'running')).toEqual([]);
    expect(runs.length).toBeLessThanOrEqual(1);
    // The file store's writes reached the page cache, which a kill -9 keeps.
    if (kind === 'file') expect(run?.status).toBe('interrupted');
    if (run) {
      expect(run.status).toBe('interrupted');
      expect(run.steps.some((s) => s.id === 'c')).toBe(false);
    }
  });

  it('during an action keeps the action step recorded as attempted (interrupted)', async () => {
    const location = join(dir.path, `kill-action-${kind}`);
    await mkdir(location, { recursive: true });
    await killMidRun(kind, kind === 'sqlite' ? join(location, 'runs.sqlite') : location, 'action');
    const store = open(location);
    await store.markInterrupted();
    const [summary] = await store.listRuns();
    const run = summary ? await store.getRun(summary.id) : undefined;
    await store.close();
    expect(run?.status).toBe('interrupted');
    expect(run?.steps.map((s) => `${s.id}:${s.kind}:${s.status}`)).toEqual([
      'a:set:completed',
      'call:uses:interrupted',
    ]);
  });
});
