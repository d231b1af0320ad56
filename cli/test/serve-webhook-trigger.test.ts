import { type ChildProcessWithoutNullStreams, spawn } from 'node:child_process';
import { createHmac } from 'node:crypto';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { createRequire } from 'node:module';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { BIN, cli } from './cli.js';

/*
 * A workflow triggered by the github connector's webhook trigger `issues.opened`, served by a spawned
 * `mova-connector serve`. GitHub is a loopback server answering the repository hooks API as GitHub
 * documents it (https://docs.github.com/en/rest/repos/webhooks) and recording each request; the
 * connector's conformance test checks the same requests against GitHub's OpenAPI description.
 */

vi.setConfig({ testTimeout: 120_000, hookTimeout: 120_000 });

const GITHUB_DIR = fileURLToPath(new URL('../../connectors/github', import.meta.url));
const TOKEN = 'ghp_mova_serve_test_not_a_real_token';
const API_TOKEN = 'serve-trigger-test-token';
const PUBLIC_URL = 'https://mova.example.test';
const HOOK_URL = `${PUBLIC_URL}/hooks/triggers/triage`;
const HOOKS = '/api/v3/repos/octocat/Hello-World/hooks';

const TRIAGE = {
  mova: '1.0',
  name: 'triage',
  inputs: { type: 'object', properties: { number: { type: 'integer' }, title: { type: 'string' } } },
  trigger: {
    uses: 'github/issues.opened@^1',
    connection: 'github',
    with: { owner: 'octocat', repo: 'Hello-World' },
  },
  steps: [{ id: 'label', set: "{{ '#' & $string(inputs.number) & ' ' & inputs.title }}" }],
  output: '{{ steps.label.output }}',
};
const MANUAL = { mova: '1.0', name: 'by-hand', steps: [{ id: 'one', set: 1 }] };

interface Recorded {
  method: string;
  path: string;
  authorization: string | undefined;
  body: { config?: { url?: string; secret?: string; content_type?: string }; events?: string[] } | undefined;
}

let root: string;
let github: Server;
let githubBase: string;
const requests: Recorded[] = [];
/** Status codes to answer the next hook creations with instead of 201 (a GitHub outage). */
const failNextCreates: number[] = [];
let nextHookId = 1000;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'mova-serve-trigger-'));
  await mkdir(join(root, 'project'), { recursive: true });
  await writeFile(join(root, 'project', 'triage.json'), JSON.stringify(TRIAGE));
  await writeFile(join(root, 'project', 'by-hand.json'), JSON.stringify(MANUAL));
  github = createServer((req, res) => {
    let text = '';
    req.on('data', (chunk) => {
      text += chunk;
    });
    req.on('end', () => {
      const path = req.url ?? '';
      const body = text ? JSON.parse(text) : undefined;
      requests.push({ method: req.method ?? '', path, authorization: req.headers.authorization, body });
      res.setHeader('content-type', 'application/json');
      if (req.method === 'POST' && path === HOOKS) {
        const failure = failNextCreates.shift();
        if (failure) {
          res.writeHead(failure).end(JSON.stringify({ message: 'Server Error' }));
          return;
        }
        const { secret: _, ...config } = body.config;
        const id = nextHookId++;
        res
          .writeHead(201)
          .end(JSON.stringify({ type: 'Repository', id, name: 'web', active: true, events: body.events, config }));
      } else if (req.method === 'DELETE' && path.startsWith(`${HOOKS}/`)) {
        res.writeHead(204).end();
      } else {
        res.writeHead(404).end(JSON.stringify({ message: 'Not Found' }));
      }
    });
  });
  await new Promise<void>((resolve) => github.listen(0, '127.0.0.1', resolve));
  githubBase = `http://127.0.0.1:${(github.address() as AddressInfo).port}/api/v3`;
});

afterAll(async () => {
  await stopServe();
  await new Promise((resolve) => github?.close(resolve));
  await rm(root, { recursive: true, force: true });
});

const env = () => ({
  ...process.env,
  NO_COLOR: '1',
  MOVA_CONNECTION_GITHUB: JSON.stringify({ connector: 'github', auth: { token: TOKEN, baseUrl: githubBase } }),
});
const serveArgs = ['--dir', 'project', '--data-dir', 'data', '--connector', GITHUB_DIR, '--public-url', PUBLIC_URL];

let child: ChildProcessWithoutNullStreams | undefined;
let stderr = '';
let base = '';

/** Starts serve and resolves once it listens (its --json line); subscribing was tried once by then. */
async function startServe(): Promise<void> {
  stderr = '';
  const started = spawn(
    process.execPath,
    [BIN, 'serve', ...serveArgs, '--port', '0', '--drain', '1', '--json', '--token', API_TOKEN],
    {
      cwd: root,
      env: env(),
    },
  );
  child = started;
  started.stderr.on('data', (chunk) => {
    stderr += chunk;
  });
  let stdout = '';
  base = await new Promise<string>((resolve, reject) => {
    started.stdout.on('data', (chunk) => {
      stdout += chunk;
      const match = /"url":\s*"(http:\/\/127\.0\.0\.1:\d+)"/.exec(stdout);
      if (match?.[1]) resolve(match[1]);
    });
    started.on('close', (code) => reject(new Error(`serve exited with ${code}: ${stderr}`)));
  });
}

async function stopServe(): Promise<void> {
  const running = child;
  child = undefined;
  if (!running || running.exitCode !== null) return;
  const closed = new Promise((resolve) => running.on('close', resolve));
  running.kill('SIGTERM');
  await closed;
}

/** The hook requests GitHub got since the last call. */
function taken(): Recorded[] {
  return requests.splice(0);
}

/** Waits (no time limit but the test's) until GitHub got `count` requests. */
async function githubGot(count: number): Promise<void> {
  while (requests.length < count) await new Promise((resolve) => setTimeout(resolve, 50));
}

/** A delivery as GitHub sends it to the hook, signed with `secret`. */
function deliver(event: string, payload: unknown, secret: string): Promise<Response> {
  const body = JSON.stringify(payload);
  return fetch(`${base}/hooks/triggers/triage`, {
    method: 'POST',
    headers: {
      'content-type': 'application/json',
      'x-github-event': event,
      'x-github-delivery': '72d3162e-cc78-11e3-81ab-4c9367dc0958',
      'x-hub-signature-256': `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`,
    },
    body,
  });
}

async function api(path: string): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${API_TOKEN}` } });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

async function ended(runId: string): Promise<Record<string, unknown>> {
  for (;;) {
    const { body } = await api(`/api/v1/runs/${runId}`);
    if (body.status !== 'running' && body.status !== 'queued') return body;
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

async function savedSubscriptions(): Promise<string[]> {
  return readdir(join(root, 'data', 'engine', 'subscriptions')).catch(() => []);
}

// From "Webhook events and payloads: issues" (the issue object trimmed to what the output keeps).
const openedIssue = {
  action: 'opened',
  issue: {
    id: 1,
    number: 1347,
    title: 'Found a bug',
    body: "I'm having a problem with this.",
    state: 'open',
    state_reason: null,
    html_url: 'https://github.com/octocat/Hello-World/issues/1347',
    user: { login: 'octocat', id: 1, type: 'User', html_url: 'https://github.com/octocat' },
    labels: [],
    assignees: [],
    milestone: null,
    comments: 0,
    locked: false,
    created_at: '2011-04-22T13:33:48Z',
    updated_at: '2011-04-22T13:33:48Z',
    closed_at: null,
  },
  repository: { full_name: 'octocat/Hello-World' },
  sender: { login: 'octocat' },
};

describe('serve: a webhook-kind connector trigger (github issues.opened)', () => {
  let secret = '';
  let hookId = 0;

  it('keeps serving when subscribing fails, retries, and subscribes once at the public URL', async () => {
    failNextCreates.push(502);
    await startServe();
    // The first try failed and was reported; serve listens anyway and the retry subscribes.
    expect(stderr).toContain('subscribing failed');
    await githubGot(2);
    await vi.waitUntil(() => stderr.includes('"trigger.subscribed"'), { timeout: 60_000, interval: 50 });
    const [failed, created] = taken();
    expect(failed).toMatchObject({ method: 'POST', path: HOOKS });
    expect(created).toMatchObject({
      method: 'POST',
      path: HOOKS,
      authorization: `token ${TOKEN}`,
      body: { events: ['issues'], config: { url: HOOK_URL, content_type: 'json' } },
    });
    secret = created?.body?.config?.secret ?? '';
    expect(secret).toMatch(/^[0-9a-f]{64}$/);
    hookId = nextHookId - 1;
    expect(await savedSubscriptions()).toHaveLength(1);
  });

  it('starts one run with the parsed issue for a signed delivery, none for a forged one or a ping', async () => {
    const response = await deliver('issues', openedIssue, secret);
    expect(response.status).toBe(202);
    const { runIds } = (await response.json()) as { runIds: string[] };
    expect(runIds).toHaveLength(1);
    const run = await ended(runIds[0] ?? '');
    expect(run).toMatchObject({
      workflow: 'triage',
      status: 'completed',
      inputs: { number: 1347, title: 'Found a bug', user: { login: 'octocat' } },
      output: '#1347 Found a bug',
    });

    const forged = await deliver('issues', openedIssue, 'a-guessed-secret');
    expect(forged.status).toBe(401);
    const ping = await deliver('ping', { zen: 'Keep it logically awesome.', hook_id: hookId }, secret);
    expect(ping.status).toBe(202);
    expect(await ping.json()).toEqual({ runIds: [] });
    const closed = await deliver('issues', { ...openedIssue, action: 'closed' }, secret);
    expect(await closed.json()).toEqual({ runIds: [] });
    const runs = (await api('/api/v1/runs?workflow=triage')).body.runs as unknown[];
    expect(runs).toHaveLength(1);
    expect(taken()).toEqual([]);
  });

  it('does not subscribe again after a restart, and still verifies with the saved secret', async () => {
    await stopServe();
    await startServe();
    expect(stderr).toContain('"reused":true');
    const response = await deliver('issues', openedIssue, secret);
    expect(response.status).toBe(202);
    expect(taken()).toEqual([]);
  });

  it('queue mode refuses a webhook trigger, naming the workflow and what to do', async () => {
    // Refused before it queues or subscribes anything; the run store it opened is dropped after.
    const schema = `mova_refused_${process.pid}`;
    const store = `postgres://postgres@127.0.0.1:5432/test?schema=${schema}`;
    const args = ['serve', ...serveArgs, '--port', '0', '--queue', 'redis://127.0.0.1:6379', '--store', store];
    const result = await cli(args, root, env());
    // pg is the runtime's dependency, not the CLI's: only the calls used here are typed.
    const pg = createRequire(new URL('../../runtime/package.json', import.meta.url))('pg') as {
      Client: new (
        config: object,
      ) => { connect(): Promise<void>; query(sql: string): Promise<unknown>; end(): Promise<void> };
    };
    const client = new pg.Client({ host: '127.0.0.1', user: 'postgres', database: 'test' });
    await client.connect();
    await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    await client.end();
    expect(result.code, result.stderr).not.toBe(0);
    expect(result.stderr).toContain(
      'github/issues.opened@^1 is a webhook trigger, which queue mode does not serve yet',
    );
    expect(result.stderr).toContain('triage.json');
    expect(taken()).toEqual([]);
  });

  it('serve --unsubscribe deletes the hook and forgets it', async () => {
    await stopServe();
    const result = await cli(['serve', ...serveArgs, '--unsubscribe', '--json'], root, env());
    expect(result.code).toBe(0);
    expect(JSON.parse(result.stdout)).toEqual({ unsubscribed: ['triage'] });
    expect(taken()).toEqual([expect.objectContaining({ method: 'DELETE', path: `${HOOKS}/${hookId}` })]);
    expect(await savedSubscriptions()).toEqual([]);
  });

  it('unsubscribes a removed workflow at the next start', async () => {
    await startServe();
    await githubGot(1);
    const [created] = taken();
    expect(created).toMatchObject({ method: 'POST', path: HOOKS });
    const second = nextHookId - 1;
    await stopServe();
    await rm(join(root, 'project', 'triage.json'));
    await startServe();
    expect(taken()).toEqual([expect.objectContaining({ method: 'DELETE', path: `${HOOKS}/${second}` })]);
    expect(await savedSubscriptions()).toEqual([]);
    // Its hook path is gone with it.
    expect((await deliver('issues', openedIssue, secret)).status).toBe(404);
  });
});
