import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { once } from 'node:events';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './cli.js';

// Built-in steps only (http_fetch to a loopback counter), so serve needs no connector and no service.
const TOKEN = 'durable-test-token';
const bearer = { authorization: `Bearer ${TOKEN}` };

const count = (id: string, name: string) => ({
  id,
  uses: 'http_fetch',
  with: { url: `{{ inputs.counter & '/count/${name}' }}`, method: 'POST' },
});
const CRASHY = {
  mova: '1.0',
  name: 'crashy',
  inputs: { type: 'object', properties: { counter: { type: 'string' } }, required: ['counter'] },
  steps: [
    count('one', 'one'),
    count('two', 'two'),
    // Long enough to kill the server in; short enough to sleep in memory (under the 30s durable threshold).
    { id: 'pause', wait: { duration: '3s' } },
    count('three', 'three'),
  ],
  output: { one: '{{ steps.one.output.body.count }}', three: '{{ steps.three.output.body.count }}' },
};
const REFUND = {
  mova: '1.0',
  name: 'refund',
  inputs: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
  steps: [
    { id: 'ok', approval: { message: 'Refund {{ inputs.amount }} EUR?', timeout: '2d', onTimeout: 'reject' } },
    { id: 'after', set: '{{ steps.ok.output.approved }}' },
  ],
  output: { approved: '{{ steps.ok.output.approved }}', by: '{{ steps.ok.output.decidedBy }}' },
};
const HURRY = {
  mova: '1.0',
  name: 'hurry',
  inputs: { type: 'object' },
  steps: [{ id: 'ok', approval: { message: 'Quick?', timeout: '1s', onTimeout: 'approve' } }],
  output: { approved: '{{ steps.ok.output.approved }}', by: '{{ steps.ok.output.decidedBy }}' },
};

let root: string;
let counter: Server;
let counterUrl = '';
const counts = new Map<string, number>();
let serve: { child: ChildProcessWithoutNullStreams; base: string } | undefined;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mova-serve-durable-'));
  await mkdir(join(root, 'project', 'workflows'), { recursive: true });
  for (const workflow of [CRASHY, REFUND, HURRY]) {
    await writeFile(join(root, 'project', 'workflows', `${workflow.name}.json`), JSON.stringify(workflow));
  }
  counter = createServer((req, res) => {
    const name = req.url?.replace(/^\/count\//, '') ?? '';
    counts.set(name, (counts.get(name) ?? 0) + 1);
    res.setHeader('content-type', 'application/json');
    res.end(JSON.stringify({ count: counts.get(name) }));
  });
  counter.listen(0, '127.0.0.1');
  await once(counter, 'listening');
  counterUrl = `http://127.0.0.1:${(counter.address() as AddressInfo).port}`;
});

afterAll(async () => {
  if (serve) await kill(serve.child);
  counter?.close();
  await rm(root, { recursive: true, force: true });
});

/** Starts `serve` on the project and the shared data dir; resolves with its URL once it listens. */
async function start(): Promise<{ child: ChildProcessWithoutNullStreams; base: string }> {
  const child = spawn(
    process.execPath,
    [BIN, 'serve', '--dir', 'project', '--port', '0', '--data-dir', 'data', '--token', TOKEN, '--json'].concat([
      '--allow-host',
      '127.0.0.1',
    ]),
    { cwd: root, env: { ...process.env, NO_COLOR: '1' } },
  );
  let stdout = '';
  let stderr = '';
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  const base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
  serve = { child, base };
  return serve;
}

async function kill(child: ChildProcessWithoutNullStreams): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const closed = once(child, 'close');
  child.kill('SIGKILL');
  await closed;
}

interface Run {
  status: string;
  output?: unknown;
  steps: { key: string; status: string; output?: { links?: { approve: string; reject: string } } }[];
}

async function api(base: string, path: string, init: RequestInit = {}) {
  const response = await fetch(`${base}${path}`, { ...init, headers: { ...bearer, ...init.headers } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function startRun(base: string, workflow: string, inputs: unknown): Promise<string> {
  const started = await api(base, '/api/v1/runs', {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ workflow, inputs }),
  });
  expect(started.status).toBe(202);
  return String(started.body.runId);
}

/** Polls the API until the run has this status; the last answer is in the error otherwise. */
async function runIn(base: string, runId: string, status: string, ready = (_run: Run) => true): Promise<Run> {
  let last: Run | undefined;
  for (let i = 0; i < 600; i++) {
    last = (await api(base, `/api/v1/runs/${runId}`)).body as unknown as Run;
    if (last.status === status && ready(last)) return last;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`run ${runId} did not get to ${status}: ${JSON.stringify(last)}`);
}

/** A link of this server: the path of one handed out by an earlier server process (another port). */
const here = (base: string, link: string) => `${base}${new URL(link).pathname}`;

describe('serve: durable runs and approvals over HTTP', () => {
  it('resumes a run after kill -9 of the server without running its completed steps again', {
    timeout: 240_000,
  }, async () => {
    let { child, base } = await start();
    const runId = await startRun(base, 'crashy', { counter: counterUrl });
    await runIn(base, runId, 'running', (run) => run.steps.some((s) => s.key === 'pause'));
    await kill(child);
    expect(Object.fromEntries(counts)).toEqual({ one: 1, two: 1 });

    ({ child, base } = await start());
    const run = await runIn(base, runId, 'completed');
    expect(run.output).toEqual({ one: 1, three: 1 });
    expect(Object.fromEntries(counts)).toEqual({ one: 1, two: 1, three: 1 });
    await kill(child);
  });

  it('pauses on an approval, survives kill -9, and resumes on approve through the signed link, once', {
    timeout: 240_000,
  }, async () => {
    let { child, base } = await start();
    const runId = await startRun(base, 'refund', { amount: 40 });
    const waiting = await runIn(base, runId, 'waiting');
    const links = waiting.steps.find((s) => s.key === 'ok')?.output?.links;
    if (!links) throw new Error(`no links: ${JSON.stringify(waiting)}`);
    expect(links.approve.startsWith(`${base}/approvals/`)).toBe(true);
    await kill(child);

    ({ child, base } = await start());
    expect((await runIn(base, runId, 'waiting')).status).toBe('waiting');
    const page = await fetch(here(base, links.approve));
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Refund 40 EUR?');

    // Forged: the approve claim signed as something else.
    const [claim] = new URL(links.approve).pathname.slice('/approvals/'.length).split('.');
    const forged = await fetch(`${base}/approvals/${claim}.${'A'.repeat(43)}`, { method: 'POST' });
    expect(forged.status).toBe(403);

    const approve = () => fetch(here(base, links.approve), { method: 'POST', headers: { accept: 'application/json' } });
    const first = await approve();
    expect(first.status).toBe(200);
    expect(await first.json()).toMatchObject({ runId, step: 'ok', approved: true, decidedBy: 'link' });
    expect((await runIn(base, runId, 'completed')).output).toEqual({ approved: true, by: 'link' });
    expect((await approve()).status).toBe(409);
    expect((await fetch(here(base, links.reject), { method: 'POST' })).status).toBe(409);
    await kill(child);
  });

  it('rejects through the API, and applies onTimeout when nobody decides in time', { timeout: 240_000 }, async () => {
    const { child, base } = await start();
    const runId = await startRun(base, 'refund', { amount: 9 });
    await runIn(base, runId, 'waiting');
    const rejected = await api(base, `/api/v1/runs/${runId}/reject`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ step: 'ok', comment: 'too much' }),
    });
    expect(rejected.status).toBe(200);
    expect((await runIn(base, runId, 'completed')).output).toEqual({ approved: false, by: 'api' });

    const hurried = await startRun(base, 'hurry', {});
    expect((await runIn(base, hurried, 'completed')).output).toEqual({ approved: true, by: 'timeout' });
    await kill(child);
  });
});
