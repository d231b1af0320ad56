import { type ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { readdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildManifest, isConnector, MANIFEST_FILE } from '@mova/sdk';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { ResumeError } from '../src/executor/resume.js';
import { TrustedInProcessHost } from '../src/host/trusted-in-process-host.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { WorkspaceSource } from '../src/sources/workspace-source.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import { bundleFixture } from './child-script.js';
import { killHard } from './crash.js';
import { RESUME_CONNECTORS } from './fixtures/resume-workflow.js';
import { tempDir } from './helpers.js';

/** A loopback server counting POST /count/<name>; it can hold a name's first request open. */
class Counter {
  readonly counts = new Map<string, number>();
  private readonly held: ServerResponse[] = [];
  private waiters: { name: string; resolve: () => void }[] = [];
  private server!: Server;
  url = '';
  /** A name whose first request gets no answer (as if the call was in flight when the caller died). */
  hold?: string;

  async start(): Promise<void> {
    this.server = createServer((req: IncomingMessage, res: ServerResponse) => {
      const name = decodeURIComponent(req.url?.replace(/^\/count\//, '') ?? '');
      const count = (this.counts.get(name) ?? 0) + 1;
      this.counts.set(name, count);
      for (const waiter of this.waiters.filter((w) => w.name === name)) waiter.resolve();
      this.waiters = this.waiters.filter((w) => w.name !== name);
      if (name === this.hold && count === 1) {
        this.held.push(res);
        return;
      }
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ count }));
    });
    this.server.listen(0, '127.0.0.1');
    await once(this.server, 'listening');
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
  }

  /** Resolves once a request for `name` arrived. */
  reached(name: string): Promise<void> {
    if (this.counts.has(name)) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push({ name, resolve }));
  }

  async stop(): Promise<void> {
    for (const res of this.held) res.destroy();
    this.server.closeAllConnections();
    this.server.close();
  }
}

let child: string;
let dir: Awaited<ReturnType<typeof tempDir>>;
let counter: Counter;
let runtime: Runtime | undefined;

beforeAll(async () => {
  // The counter fixture's manifest, built from its bundle as `mova-connector build` would.
  const pkgDir = join(RESUME_CONNECTORS, 'counter-1.0.0');
  const mod = await import(pathToFileURL(join(pkgDir, 'dist', 'connector.mjs')).href);
  if (!isConnector(mod.default)) throw new Error('the counter fixture does not export a connector');
  const manifest = buildManifest(mod.default, { name: '@mova/connector-counter', version: '1.0.0' });
  const temp = join(pkgDir, `.${MANIFEST_FILE}.${process.pid}`);
  await writeFile(temp, `${JSON.stringify(manifest, null, 2)}\n`);
  await rename(temp, join(pkgDir, MANIFEST_FILE));
  child = await bundleFixture('resume-child');
  dir = await tempDir();
});
afterAll(async () => {
  if (child) await rm(child, { force: true });
  await dir?.remove();
});
afterEach(async () => {
  await runtime?.close();
  runtime = undefined;
  await counter?.stop();
});

/** Starts the child on a fresh store; resolves with the run id once the child printed `<marker> <id>`. */
async function startChild(data: string, action: string, mode: 'after-two' | 'in-flight' | 'loop', marker: string) {
  const proc: ChildProcess = spawn(process.execPath, [child, data, counter.url, action, mode, RESUME_CONNECTORS], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const runId = await new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the resume child did not get there: ${output}`)), 30_000);
    const read = (chunk: Buffer) => {
      output += chunk.toString();
      const match = new RegExp(`${marker} (\\S+)`).exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    proc.stdout?.on('data', read);
    proc.stderr?.on('data', read);
    proc.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`the resume child exited (${code}): ${output}`));
    });
  });
  return { proc, runId };
}

function resumingRuntime(data: string): Runtime {
  runtime = createRuntime({
    store: new FileRunStore(data),
    sources: [new WorkspaceSource(RESUME_CONNECTORS)],
    host: new TrustedInProcessHost(),
  });
  return runtime;
}

describe('resuming a run after kill -9', () => {
  it('replays the completed steps by key and runs only the rest', { timeout: 60_000 }, async () => {
    counter = new Counter();
    await counter.start();
    const data = join(dir.path, 'after-two');
    const { proc, runId } = await startChild(data, 'calls.record', 'after-two', 'TWO');
    await killHard(proc);
    expect(Object.fromEntries(counter.counts)).toEqual({ one: 1, two: 1 });

    const rt = resumingRuntime(data);
    expect((await rt.ready).interrupted).toEqual([runId]);
    const events: string[] = [];
    const result = await rt.resume(runId, { onEvent: (e) => events.push(e.type) });
    expect(result).toEqual({ runId, status: 'completed', output: { one: 1, two: 1, three: 1 } });
    expect(Object.fromEntries(counter.counts)).toEqual({ one: 1, two: 1, three: 1 });
    expect(events[0]).toBe('run.resumed');
    const run = await rt.store.getRun(runId);
    expect(run?.status).toBe('completed');
    expect(run?.steps.map((s) => [s.key, s.status, s.output])).toEqual([
      ['one', 'completed', { count: 1 }],
      ['two', 'completed', { count: 1 }],
      ['three', 'completed', { count: 1 }],
    ]);
    expect(run?.resume?.connectors).toEqual([
      { package: '@mova/connector-counter', version: '1.0.0', integrity: expect.stringMatching(/^sha512-/) },
    ]);
    // Ended runs are not resumed again.
    await expect(rt.resume(runId)).rejects.toMatchObject({ code: 'E_RUN_NOT_RESUMABLE' });
  });

  it('replays loop iterations inside a parallel branch by their keys (send[0], send[1])', {
    timeout: 60_000,
  }, async () => {
    counter = new Counter();
    await counter.start();
    const data = join(dir.path, 'loop');
    const { proc, runId } = await startChild(data, 'calls.record', 'loop', 'SEND1');
    await killHard(proc);
    expect(Object.fromEntries(counter.counts)).toEqual({ 'send-0': 1, 'send-1': 1 });

    const rt = resumingRuntime(data);
    const result = await rt.resume(runId);
    expect(result).toMatchObject({
      status: 'completed',
      output: { sends: [{ count: 1 }, { count: 1 }, { count: 1 }], after: 1 },
    });
    expect(Object.fromEntries(counter.counts)).toEqual({ 'send-0': 1, 'send-1': 1, 'send-2': 1, after: 1 });
    const run = await rt.store.getRun(runId);
    expect(run?.steps.filter((s) => s.id === 'send').map((s) => [s.key, s.status])).toEqual([
      ['send[0]', 'completed'],
      ['send[1]', 'completed'],
      ['send[2]', 'completed'],
    ]);
  });

  it('runs an idempotent step that was in flight again', { timeout: 60_000 }, async () => {
    counter = new Counter();
    counter.hold = 'three';
    await counter.start();
    const data = join(dir.path, 'idempotent');
    const { proc, runId } = await startChild(data, 'calls.put', 'in-flight', 'RUN');
    await counter.reached('three');
    await killHard(proc);

    const result = await resumingRuntime(data).resume(runId);
    expect(result).toMatchObject({ status: 'completed', output: { one: 1, two: 1, three: 2 } });
    expect(Object.fromEntries(counter.counts)).toEqual({ one: 1, two: 1, three: 2 });
  });

  it('fails a step that was in flight with E_OUTCOME_UNKNOWN when its action is not idempotent', {
    timeout: 60_000,
  }, async () => {
    counter = new Counter();
    counter.hold = 'three';
    await counter.start();
    const data = join(dir.path, 'unknown');
    const { proc, runId } = await startChild(data, 'calls.record', 'in-flight', 'RUN');
    await counter.reached('three');
    await killHard(proc);

    const rt = resumingRuntime(data);
    const result = await rt.resume(runId);
    if (result.status !== 'failed') throw new Error(`the run ${result.status}, it should have failed`);
    expect(result.error).toMatchObject({
      code: 'E_OUTCOME_UNKNOWN',
      step: 'three',
      connector: '@mova/connector-counter@1.0.0',
      actionKey: 'calls.record',
    });
    expect(result.error?.message).toContain('its outcome is unknown');
    expect(result.error?.hint).toContain('Check in the service whether the call took effect');
    expect(Object.fromEntries(counter.counts)).toEqual({ one: 1, two: 1, three: 1 });
    const run = await rt.store.getRun(runId);
    expect(run?.steps.map((s) => [s.key, s.status])).toEqual([
      ['one', 'completed'],
      ['two', 'completed'],
      ['three', 'failed'],
    ]);
  });

  it('refuses a run whose connector build changed since it started, and unknown runs', {
    timeout: 60_000,
  }, async () => {
    counter = new Counter();
    await counter.start();
    const data = join(dir.path, 'changed');
    const { proc, runId } = await startChild(data, 'calls.record', 'after-two', 'TWO');
    await killHard(proc);
    // Rewrite the recorded integrity, as if the store's build of 1.0.0 were another one now.
    const logs = join(data, 'runs');
    const [log = ''] = await readdir(logs);
    const text = await readFile(join(logs, log), 'utf8');
    await writeFile(join(logs, log), text.replace(/"integrity":"sha512-[^"]+"/, '"integrity":"sha512-AAAA"'));

    const rt = resumingRuntime(data);
    const error = await rt.resume(runId).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ResumeError);
    expect(error).toMatchObject({ code: 'E_RESUME_CHANGED' });
    expect((error as Error).message).toContain('is not the build the run started with');
    expect(Object.fromEntries(counter.counts)).toEqual({ one: 1, two: 1 });
    await expect(rt.resume('no-such-run')).rejects.toMatchObject({ code: 'E_RUN_NOT_FOUND' });
  });
});
