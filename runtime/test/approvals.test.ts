import { once } from 'node:events';
import { mkdir, readFile, stat, writeFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { AuditLog } from '../src/audit/audit-log.js';
import type { Clock } from '../src/engine/clock.js';
import { Engine } from '../src/engine/engine.js';
import { engineHandler } from '../src/engine/http.js';
import { WorkflowValidationError } from '../src/errors.js';
import { DURABLE_MAX_WAIT_MS } from '../src/limits.js';
import { createRuntime, type Runtime } from '../src/runtime.js';
import { FileRunStore } from '../src/store/file-run-store.js';
import type { RunRecord } from '../src/store/types.js';
import type { Workflow } from '../src/workflow/types.js';
import { tempDir } from './helpers.js';

const REFUND: Workflow = {
  mova: '1.0',
  name: 'refund',
  inputs: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
  steps: [
    { id: 'before', set: '{{ inputs.amount }}' },
    { id: 'ok', approval: { message: 'Refund {{ inputs.amount }} EUR?', timeout: '2d', onTimeout: 'reject' } },
    { id: 'after', set: '{{ steps.ok.output.approved }}' },
  ],
  output: {
    approved: '{{ steps.ok.output.approved }}',
    by: '{{ steps.ok.output.decidedBy }}',
    comment: '{{ steps.ok.output.comment }}',
  },
};
const NAP: Workflow = {
  mova: '1.0',
  name: 'nap',
  inputs: { type: 'object' },
  steps: [
    { id: 'first', set: 1 },
    { id: 'nap', wait: { duration: '2h' } },
    { id: 'last', set: 2 },
  ],
};
const START = Date.parse('2026-03-01T09:00:00.000Z');

/** Time that moves only when the test says so; timers fire as it passes them. */
class ManualClock implements Clock {
  private at = START;
  private timers: { due: number; callback: () => void }[] = [];
  now = () => this.at;
  setTimeout = (callback: () => void, ms: number) => {
    const timer = { due: this.at + ms, callback };
    this.timers.push(timer);
    return timer;
  };
  clearTimeout = (handle: unknown) => {
    this.timers = this.timers.filter((t) => t !== handle);
  };
  advance(ms: number) {
    this.at += ms;
    const due = this.timers.filter((t) => t.due <= this.at);
    this.timers = this.timers.filter((t) => t.due > this.at);
    for (const timer of due) timer.callback();
  }
}

interface Served {
  engine: Engine;
  runtime: Runtime;
  server: Server;
  url: string;
  audit: AuditLog;
  close: () => Promise<void>;
}

const cleanups: (() => Promise<unknown>)[] = [];
afterEach(async () => {
  while (cleanups.length > 0) await cleanups.pop()?.();
});

async function project(...workflows: unknown[]) {
  const dir = await tempDir('mova-approvals-project-');
  const data = await tempDir('mova-approvals-data-');
  cleanups.push(dir.remove, data.remove);
  await mkdir(join(dir.path, 'workflows'));
  for (const [i, workflow] of workflows.entries()) {
    await writeFile(join(dir.path, 'workflows', `w${i}.json`), JSON.stringify(workflow));
  }
  return { dir: dir.path, data: data.path };
}

/** An engine and its HTTP server, built as `serve` builds them (durable waits, audit, public URL). */
async function serve(paths: { dir: string; data: string }, clock: Clock, allowHosts: string[] = []): Promise<Served> {
  const runtime = createRuntime({
    store: new FileRunStore(paths.data),
    limits: { maxWaitMs: DURABLE_MAX_WAIT_MS },
    allowHosts,
  });
  const audit = new AuditLog(paths.data);
  const engine = await Engine.open(paths.dir, { runtime, dataDir: paths.data, clock, audit });
  await engine.start();
  const server = createServer(engineHandler(engine, { token: 'api-token' }));
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  engine.publicUrl = url;
  await engine.resumeUnfinished();
  let closed = false;
  const close = async () => {
    if (closed) return;
    closed = true;
    await engine.stop(0);
    server.closeAllConnections();
    server.close();
    await runtime.close();
    await audit.close();
  };
  cleanups.push(close);
  return { engine, runtime, server, url, audit, close };
}

/** Polls the store until the run has this status (the engine resumes runs in the background). */
async function runIn(served: Served, runId: string, status: RunRecord['status']): Promise<RunRecord> {
  for (let i = 0; i < 400; i++) {
    const run = await served.runtime.store.getRun(runId);
    if (run?.status === status) return run;
    await new Promise((r) => setTimeout(r, 25));
  }
  const run = await served.runtime.store.getRun(runId);
  throw new Error(`run ${runId} is ${run?.status}, not ${status}`);
}

function linksOf(run: RunRecord, step = 'ok') {
  const output = run.steps.find((s) => s.key === step)?.output as { links: { approve: string; reject: string } };
  return output.links;
}

describe('approval steps under the engine', () => {
  it('pause the run, hand out signed single-use links, and resume on approve', async () => {
    const clock = new ManualClock();
    const served = await serve(await project(REFUND), clock);
    const { runId, done } = await served.engine.startRun('refund', { amount: 40 });
    expect(await done).toEqual({ runId, status: 'waiting', resumeAt: new Date(START + 2 * 86_400_000).toISOString() });
    const waiting = await runIn(served, runId, 'waiting');
    expect(waiting.steps.map((s) => [s.key, s.status])).toEqual([
      ['before', 'completed'],
      ['ok', 'waiting'],
    ]);
    expect(waiting.steps[1]?.output).toMatchObject({
      message: 'Refund 40 EUR?',
      expiresAt: '2026-03-03T09:00:00.000Z',
      onTimeout: 'reject',
    });
    const links = linksOf(waiting);
    expect(links.approve.startsWith(`${served.url}/approvals/`)).toBe(true);

    // A GET only shows the question (a chat app's link preview decides nothing).
    const page = await fetch(links.approve);
    expect(page.status).toBe(200);
    expect(page.headers.get('content-type')).toContain('text/html');
    expect(await page.text()).toContain('Refund 40 EUR?');
    expect((await served.runtime.store.getRun(runId))?.status).toBe('waiting');

    // A forged token: the approve link's claim with the reject link's signature.
    const [claim] = links.approve.split('/approvals/')[1]?.split('.') ?? [];
    const [, otherSignature] = links.reject.split('/approvals/')[1]?.split('.') ?? [];
    const forged = await fetch(`${served.url}/approvals/${claim}.${otherSignature}`, { method: 'POST' });
    expect(forged.status).toBe(403);

    const decided = await fetch(links.approve, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'comment=fine+by+me',
    });
    expect(decided.status).toBe(200);
    const run = await runIn(served, runId, 'completed');
    expect(run.output).toEqual({ approved: true, by: 'link', comment: 'fine by me' });
    expect(run.steps.find((s) => s.key === 'ok')?.output).toEqual({
      approved: true,
      decidedBy: 'link',
      decidedAt: new Date(START).toISOString(),
      comment: 'fine by me',
    });

    // Single use: neither link decides again.
    expect((await fetch(links.approve, { method: 'POST' })).status).toBe(409);
    expect((await fetch(links.reject, { method: 'POST' })).status).toBe(409);

    await served.audit.close();
    const audit = (await readFile(join(served.audit.path), 'utf8'))
      .trim()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(audit.filter((e) => e.action.startsWith('approval.'))).toEqual([
      expect.objectContaining({
        action: 'approval.approved',
        actor: 'link',
        subject: 'refund',
        details: { runId, step: 'ok', via: 'link', comment: 'fine by me' },
      }),
    ]);
  });

  it('rejects through the API with the API token, and names the approvers who may decide', async () => {
    const clock = new ManualClock();
    const guarded = {
      ...REFUND,
      name: 'guarded',
      steps: [{ id: 'ok', approval: { message: 'Ship it?', timeout: '1h', approvers: ['ada', 'grace'] } }],
      output: { approved: '{{ steps.ok.output.approved }}', by: '{{ steps.ok.output.decidedBy }}' },
    };
    const served = await serve(await project(guarded), clock);
    const { runId, done } = await served.engine.startRun('guarded', { amount: 1 });
    await done;
    const decide = (body: unknown, token = 'api-token') =>
      fetch(`${served.url}/api/v1/runs/${runId}/reject`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify(body),
      });
    expect((await decide({ step: 'ok', by: 'grace' }, 'wrong')).status).toBe(401);
    expect((await decide({ step: 'nope', by: 'grace' })).status).toBe(404);
    const stranger = await decide({ step: 'ok', by: 'mallory' });
    expect(stranger.status).toBe(403);
    expect(((await stranger.json()) as { error: string }).error).toContain('ada, grace');
    const rejected = await decide({ step: 'ok', by: 'grace', comment: 'not today' });
    expect(rejected.status).toBe(200);
    expect(await rejected.json()).toMatchObject({ runId, step: 'ok', approved: false, decidedBy: 'grace' });
    const run = await runIn(served, runId, 'completed');
    expect(run.output).toEqual({ approved: false, by: 'grace' });
    expect((await decide({ step: 'ok', by: 'ada' })).status).toBe(409);

    // A waiting run can be cancelled; its links then decide nothing.
    const second = await served.engine.startRun('guarded', { amount: 2 });
    await second.done;
    const links = linksOf(await runIn(served, second.runId, 'waiting'));
    const cancel = () =>
      fetch(`${served.url}/api/v1/runs/${second.runId}/cancel`, {
        method: 'POST',
        headers: { authorization: 'Bearer api-token' },
      });
    expect((await cancel()).status).toBe(200);
    expect(await runIn(served, second.runId, 'cancelled')).not.toHaveProperty('resumeAt');
    expect(
      (
        await fetch(links.approve, {
          method: 'POST',
          body: 'by=ada',
          headers: { 'content-type': 'application/x-www-form-urlencoded' },
        })
      ).status,
    ).toBe(409);
    expect((await cancel()).status).toBe(409);
  });

  it('applies onTimeout when nobody decides in time, after a restart too, with the same links', async () => {
    const clock = new ManualClock();
    const paths = await project(REFUND);
    let served = await serve(paths, clock);
    const { runId, done } = await served.engine.startRun('refund', { amount: 7 });
    await done;
    const before = linksOf(await runIn(served, runId, 'waiting'));
    await served.close();
    const secret = await stat(join(paths.data, 'engine', 'approval-secret'));
    expect(secret.mode & 0o777).toBe(0o600);

    // A new server over the same data dir: the run still waits, its links still check out.
    served = await serve(paths, clock);
    const page = await fetch(before.reject.replace(/^http:\/\/[^/]+/, served.url));
    expect(page.status).toBe(200);
    clock.advance(2 * 86_400_000 + 1);
    const run = await runIn(served, runId, 'completed');
    expect(run.output).toEqual({ approved: false, by: 'timeout' });
    // An expired link says so.
    expect((await fetch(before.approve.replace(/^http:\/\/[^/]+/, served.url), { method: 'POST' })).status).toBe(410);
  });
});

describe('approvals in parallel branches', () => {
  it('let the other branches finish, wait for every decision, and replay the finished branch', async () => {
    const clock = new ManualClock();
    const twoKeys = {
      mova: '1.0',
      name: 'two-keys',
      inputs: { type: 'object' },
      steps: [
        {
          id: 'both',
          parallel: {
            branches: {
              legal: [{ id: 'legal', approval: { message: 'Legal?', timeout: '1h' } }],
              finance: [{ id: 'finance', approval: { message: 'Finance?', timeout: '2h' } }],
              count: [{ id: 'counted', set: 3 }],
            },
          },
        },
      ],
      output: {
        legal: '{{ steps.legal.output.decidedBy }}',
        finance: '{{ steps.finance.output.decidedBy }}',
        counted: '{{ steps.counted.output }}',
      },
    };
    const served = await serve(await project(twoKeys), clock);
    const { runId, done } = await served.engine.startRun('two-keys', {});
    // The earliest due time is the run's.
    expect(await done).toMatchObject({ status: 'waiting', resumeAt: new Date(START + 3_600_000).toISOString() });
    const waiting = await runIn(served, runId, 'waiting');
    expect(
      waiting.steps
        .filter((s) => s.status === 'waiting')
        .map((s) => s.key)
        .sort(),
    ).toEqual(['finance', 'legal']);
    expect(waiting.steps.find((s) => s.key === 'counted')?.status).toBe('completed');

    const decide = (step: string) =>
      fetch(linksOf(waiting, step).approve, {
        method: 'POST',
        body: `by=${step}-lead`,
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
      });
    expect((await decide('legal')).status).toBe(200);
    // One decision is not enough: the run still waits for finance.
    expect((await runIn(served, runId, 'waiting')).steps.find((s) => s.key === 'finance')?.status).toBe('waiting');
    expect((await decide('finance')).status).toBe(200);
    const run = await runIn(served, runId, 'completed');
    expect(run.output).toEqual({ legal: 'legal-lead', finance: 'finance-lead', counted: 3 });
  });
});

describe('long waits', () => {
  it('under the engine, persist the run as waiting and resume it when due, also after a restart', async () => {
    const clock = new ManualClock();
    const paths = await project(NAP);
    let served = await serve(paths, clock);
    const { runId, done } = await served.engine.startRun('nap', {});
    expect(await done).toMatchObject({ status: 'waiting', resumeAt: new Date(START + 7_200_000).toISOString() });
    const waiting = await runIn(served, runId, 'waiting');
    expect(waiting.resumeAt).toBe(new Date(START + 7_200_000).toISOString());
    expect(waiting.steps.find((s) => s.key === 'nap')).toMatchObject({
      status: 'waiting',
      output: { until: new Date(START + 7_200_000).toISOString() },
    });
    await served.close();
    clock.advance(7_200_000);
    // Due while the server was down: the next start resumes it.
    served = await serve(paths, clock);
    const run = await runIn(served, runId, 'completed');
    expect(run.output).toBe(2);
    expect(run.steps.map((s) => [s.key, s.status])).toEqual([
      ['first', 'completed'],
      ['nap', 'completed'],
      ['last', 'completed'],
    ]);
  });

  it('keep the cap for a plain run, and say that serve keeps longer waits', async () => {
    const runtime = createRuntime({ store: new FileRunStore((await project()).data) });
    cleanups.push(() => runtime.close());
    const error = await runtime.run(NAP, {}).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(WorkflowValidationError);
    expect((error as WorkflowValidationError).issues[0]).toMatchObject({
      pointer: '/steps/1/wait/duration',
      message: 'is longer than the longest allowed (5m)',
    });
    expect((error as WorkflowValidationError).issues[0]?.hint).toContain('`mova-connector serve` keeps longer waits');
    const approval = await runtime.run({ ...REFUND, name: 'r' }, { amount: 1 });
    expect(approval.status).toBe('failed');
    expect(approval.error).toMatchObject({ code: 'E_APPROVAL_NEEDS_SERVE', step: 'ok' });
  });
});

/** A refund whose approval posts its links to a chat stand-in before the run pauses. */
const NOTIFIED = (chat: string): Workflow => ({
  mova: '1.0',
  name: 'notified',
  inputs: { type: 'object', properties: { amount: { type: 'number' } }, required: ['amount'] },
  steps: [
    {
      id: 'ok',
      approval: {
        message: 'Refund {{ inputs.amount }} EUR?',
        timeout: '1d',
        notify: [
          {
            id: 'post',
            uses: 'http_fetch',
            with: {
              url: chat,
              method: 'POST',
              body: {
                json: {
                  text: '{{ approval.message }}',
                  approve: '{{ approval.approveUrl }}',
                  reject: '{{ approval.rejectUrl }}',
                  until: '{{ approval.expiresAt }}',
                },
              },
            },
          },
        ],
      },
    },
    { id: 'after', set: '{{ steps.ok.output.approved }}' },
  ],
  output: { approved: '{{ steps.ok.output.approved }}', by: '{{ steps.ok.output.decidedBy }}' },
});

/**
 * A chat service stand-in: each message it receives is read by a "person" who approves through
 * the link before the chat answers, so the decision lands while the notify step is still running.
 */
async function chatThatApproves() {
  const messages: { text: string; approve: string; reject: string; until: string; decided: number }[] = [];
  const server = createServer(async (req, res) => {
    let body = '';
    for await (const chunk of req) body += chunk;
    const message = JSON.parse(body) as { text: string; approve: string; reject: string; until: string };
    const decided = await fetch(message.approve, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ by: 'chat-user' }),
    });
    messages.push({ ...message, decided: decided.status });
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end('{"ok":true}');
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const host = `127.0.0.1:${(server.address() as AddressInfo).port}`;
  cleanups.push(async () => {
    server.closeAllConnections();
    server.close();
  });
  return { url: `http://${host}/messages`, host, messages };
}

describe('approval notify steps', () => {
  it('run with the links once the approval waits, so a decision made from the notification resumes the run', async () => {
    const chat = await chatThatApproves();
    const served = await serve(await project(NOTIFIED(chat.url)), new ManualClock(), [chat.host]);
    const { runId, done } = await served.engine.startRun('notified', { amount: 12 });
    await done;
    const run = await runIn(served, runId, 'completed');
    expect(run.output).toEqual({ approved: true, by: 'chat-user' });
    expect(chat.messages).toEqual([
      {
        text: 'Refund 12 EUR?',
        approve: expect.stringMatching(new RegExp(`^${served.url}/approvals/`)),
        reject: expect.stringMatching(new RegExp(`^${served.url}/approvals/`)),
        until: new Date(START + 86_400_000).toISOString(),
        decided: 200,
      },
    ]);
    // The notify step ran once (not again on resume); the approval kept its decision.
    expect(run.steps.map((s) => [s.key, s.status])).toEqual([
      ['ok', 'completed'],
      ['post', 'completed'],
      ['after', 'completed'],
    ]);
    expect((await fetch(chat.messages[0]?.reject ?? '', { method: 'POST' })).status).toBe(409);
  });

  it('are refused when they would pause, or read from after the approval', async () => {
    const runtime = createRuntime({ store: new FileRunStore((await project()).data) });
    cleanups.push(() => runtime.close());
    const checked = await runtime.validate({
      mova: '1.0',
      name: 'bad-notify',
      steps: [
        {
          id: 'ok',
          approval: {
            message: 'Go?',
            timeout: '1h',
            notify: [
              { id: 'nap', wait: { duration: '1s' } },
              { id: 'again', approval: { message: 'Really?', timeout: '1h' } },
              { id: 'shadow', repeat: { for_each: [1], as: 'approval' }, do: [{ id: 'x', set: 1 }] },
            ],
          },
        },
        { id: 'late', set: '{{ steps.nap.output }}' },
      ],
    });
    expect(checked.ok).toBe(false);
    const issues = checked.ok ? [] : checked.issues;
    expect(issues.map((i) => [i.pointer, i.message])).toEqual([
      ['/steps/0/approval/notify/0', 'is a wait inside the notify steps of the approval "ok"'],
      ['/steps/0/approval/notify/1', 'is an approval inside the notify steps of the approval "ok"'],
      ['/steps/0/approval/notify/2/repeat/as', 'hides the variable "approval" of the enclosing step "ok"'],
      [
        '/steps/1/set',
        'reads steps.nap, which is inside "ok", which runs it as a notify step before the run pauses, and the run resumes without it',
      ],
    ]);
  });
});
