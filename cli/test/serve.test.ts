import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BIN } from './cli.js';

// Built-in steps only, so the server needs no connector and no service.
const ON_PUSH = {
  mova: '1.0',
  name: 'on-push',
  inputs: { type: 'object', properties: { ref: { type: 'string' } }, required: ['ref'] },
  trigger: {
    webhook: { path: 'github/push', respond: 'output', signature: { scheme: 'github', secret: 'github-hook' } },
  },
  steps: [{ id: 'branch', set: "{{ $substringAfter(inputs.ref, 'refs/heads/') }}" }],
  output: { branch: '{{ steps.branch.output }}' },
};
const NAP = {
  mova: '1.0',
  name: 'nap',
  steps: [
    { id: 'first', set: 1 },
    // Under 30s, so it sleeps in memory (a longer wait pauses the run durably: status waiting).
    { id: 'nap', wait: { duration: '25s' } },
  ],
};
const SECRET = 'hook-secret-7f3a';
const TOKEN = 'serve-test-token';
const bearer = { authorization: `Bearer ${TOKEN}` };

let root: string;
let child: ChildProcessWithoutNullStreams;
let stderr = '';
let base = '';

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mova-serve-'));
  await mkdir(join(root, 'project', 'workflows'), { recursive: true });
  await writeFile(join(root, 'project', 'workflows', 'on-push.json'), JSON.stringify(ON_PUSH));
  await writeFile(join(root, 'project', 'nap.json'), JSON.stringify(NAP));
  await writeFile(join(root, 'project', 'package.json'), '{"name":"not-a-workflow"}');
  child = spawn(
    process.execPath,
    [BIN, 'serve', '--dir', 'project', '--port', '0', '--data-dir', 'data', '--drain', '1', '--json', '--token', TOKEN],
    {
      cwd: root,
      env: {
        ...process.env,
        NO_COLOR: '1',
        MOVA_CONNECTION_GITHUB_HOOK: JSON.stringify({ connector: 'webhook', auth: { secret: SECRET } }),
      },
    },
  );
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  // --json prints where it listens once it does.
  let stdout = '';
  base = await new Promise<string>((resolve, reject) => {
    child.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    child.on('close', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
});

afterAll(async () => {
  if (child && child.exitCode === null) {
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('close', resolve));
  }
  await rm(root, { recursive: true, force: true });
});

const sign = (body: string, secret = SECRET) => `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;

interface ApiBody {
  runId?: string;
  status?: string;
  workflow?: string;
  inputs?: unknown;
  runs?: { id: string }[];
  next?: string | null;
  steps?: { id: string }[];
}

async function api(path: string, init?: RequestInit): Promise<{ status: number; body: ApiBody }> {
  const response = await fetch(`${base}${path}`, { ...init, headers: { ...bearer, ...init?.headers } });
  return { status: response.status, body: (await response.json()) as ApiBody };
}

async function runCount(): Promise<number> {
  return (await api('/api/v1/runs?limit=500')).body.runs?.length ?? 0;
}

describe('mova-connector serve', () => {
  it('starts a run for a webhook with a valid GitHub signature and answers with its output', async () => {
    const body = JSON.stringify({ ref: 'refs/heads/main', after: 'abc123' });
    const response = await fetch(`${base}/hooks/github/push`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-github-event': 'push', 'x-hub-signature-256': sign(body) },
      body,
    });
    expect(response.status).toBe(200);
    const answer = (await response.json()) as { runId: string; status: string; output: unknown };
    expect(answer).toMatchObject({ status: 'completed', output: { branch: 'main' } });
    const run = await api(`/api/v1/runs/${answer.runId}`);
    expect(run.body).toMatchObject({ workflow: 'on-push', status: 'completed', inputs: { ref: 'refs/heads/main' } });
    expect(run.body.steps?.map((s) => s.id)).toEqual(['branch']);
  });

  it('counts the webhook run at /metrics and lists the circuit breakers at /api/v1/breakers', async () => {
    const response = await fetch(`${base}/metrics`, { headers: bearer });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
    const text = await response.text();
    expect(text).toMatch(/^mova_runs_started_total\{workflow="on-push"\} 1$/m);
    expect(text).toMatch(/^mova_runs_finished_total\{workflow="on-push",status="completed"\} 1$/m);
    // Built-in steps only: no connector was called, so no breaker exists yet.
    expect(await api('/api/v1/breakers')).toEqual({ status: 200, body: { breakers: [] } });
  });

  it('refuses a wrong or missing signature with 401 and starts nothing', async () => {
    const before = await runCount();
    const body = JSON.stringify({ ref: 'refs/heads/evil' });
    for (const headers of [{ 'x-hub-signature-256': sign(body, 'guessed') }, {}] as Record<string, string>[]) {
      const response = await fetch(`${base}/hooks/github/push`, { method: 'POST', headers, body });
      expect(response.status).toBe(401);
      expect(((await response.json()) as { error: string }).error).toMatch(/^invalid signature/);
    }
    expect(await runCount()).toBe(before);
    expect(stderr).toContain('"event":"webhook.refused"');
  });

  it('starts, lists, shows and cancels runs through the API', async () => {
    const started = await api('/api/v1/runs', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ workflow: 'nap' }),
    });
    expect(started.status).toBe(202);
    const runId = String(started.body.runId);
    const listed = await api('/api/v1/runs?workflow=nap');
    expect(listed.body.runs?.map((r) => r.id)).toEqual([runId]);
    expect((await api(`/api/v1/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(202);
    let status: string | undefined = 'running';
    for (let i = 0; i < 200 && status === 'running'; i++) {
      await new Promise((resolve) => setTimeout(resolve, 50));
      status = (await api(`/api/v1/runs/${runId}`)).body.status;
    }
    expect(status).toBe('cancelled');
    expect((await api(`/api/v1/runs/${runId}/cancel`, { method: 'POST' })).status).toBe(409);
    expect((await api('/api/v1/runs', { method: 'POST', body: '{"workflow":"nope"}' })).status).toBe(404);
    expect((await api('/api/v1/runs', { method: 'POST', body: '{"workflow":"on-push","inputs":{}}' })).status).toBe(
      422,
    );
    const page = await api('/api/v1/runs?limit=1');
    expect(page.body.runs).toHaveLength(1);
    expect(page.body.next).toBe(page.body.runs?.[0]?.id);
  });

  it('drains on SIGTERM: a run still going after --drain is cancelled and recorded so, and the process exits 0', async () => {
    const started = await api('/api/v1/runs', { method: 'POST', body: JSON.stringify({ workflow: 'nap' }) });
    const runId = String(started.body.runId);
    const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
    child.kill('SIGTERM');
    expect(await closed).toBe(0);
    expect(stderr).toContain('Stopped: 0 run(s) finished, 1 cancelled');
    const { FileRunStore } = await import('@mova/runtime');
    const store = new FileRunStore(join(root, 'data'));
    expect((await store.getRun(runId))?.status).toBe('cancelled');
    await store.close();
    // The audit log names each run's trigger as its actor.
    const audit = (await readFile(join(root, 'data', 'audit.jsonl'), 'utf8'))
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as { action: string; actor: string; subject: string });
    const actors = audit.filter((e) => e.action === 'run.started').map((e) => `${e.actor} ${e.subject}`);
    expect(actors).toContain('webhook:/hooks/github/push on-push');
    expect(actors).toContain('api nap');
  });
});
