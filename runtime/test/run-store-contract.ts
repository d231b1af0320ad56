import { describe, expect, it } from 'vitest';
import { THIS_PROCESS } from '../src/store/owner.js';
import type { RunRecord, RunStore, StepRecord } from '../src/store/types.js';
import { testRuntime, workflow } from './helpers.js';

let sequence = 0;
const ECHO_INTEGRITY = `sha512-${Buffer.alloc(64, 7).toString('base64')}`;

function newRun(overrides: Partial<RunRecord> = {}): RunRecord {
  sequence++;
  return {
    id: `run-${Date.now()}-${sequence}-${Math.random().toString(36).slice(2)}`,
    workflow: 'contract',
    status: 'running',
    inputs: { n: sequence },
    startedAt: new Date(Date.UTC(2026, 0, 1, 0, 0, sequence)).toISOString(),
    owner: THIS_PROCESS,
    steps: [],
    ...overrides,
  };
}

function step(key: string, overrides: Partial<StepRecord> = {}): StepRecord {
  return {
    key,
    id: key.replace(/\[.*$/, ''),
    pointer: `/steps/${key.length}`,
    kind: 'set',
    status: 'running',
    attempts: 1,
    startedAt: '2026-01-01T00:00:00.000Z',
    ...overrides,
  };
}

/** What every RunStore must do; run against the embedded store and PostgreSQL alike. */
export function runStoreContract(name: string, open: () => RunStore) {
  describe(`${name}: the RunStore contract`, () => {
    it('keeps a run and its steps with status, timing, output and error', async () => {
      const store = open();
      const run = newRun();
      await store.createRun(run);
      await store.appendStep(run.id, step('a'));
      await store.updateStep(run.id, 'a', {
        status: 'completed',
        endedAt: '2026-01-01T00:00:01.000Z',
        input: { q: 1 },
        output: { answer: [1, 'two', null] },
      });
      await store.appendStep(
        run.id,
        step('b', { connector: '@mova/connector-echo@1.2.0', connectorIntegrity: ECHO_INTEGRITY }),
      );
      await store.updateStep(run.id, 'b', {
        status: 'failed',
        attempts: 3,
        endedAt: '2026-01-01T00:00:02.000Z',
        error: { kind: 'transient', message: 'down', step: 'b', pointer: '/steps/1' },
      });
      await store.updateRun(run.id, {
        status: 'failed',
        endedAt: '2026-01-01T00:00:03.000Z',
        error: { kind: 'transient', message: 'down', step: 'b' },
      });
      expect(await store.getRun(run.id)).toEqual({
        ...run,
        status: 'failed',
        endedAt: '2026-01-01T00:00:03.000Z',
        error: { kind: 'transient', message: 'down', step: 'b' },
        steps: [
          {
            ...step('a'),
            status: 'completed',
            endedAt: '2026-01-01T00:00:01.000Z',
            input: { q: 1 },
            output: { answer: [1, 'two', null] },
          },
          {
            ...step('b', { connector: '@mova/connector-echo@1.2.0', connectorIntegrity: ECHO_INTEGRITY }),
            status: 'failed',
            attempts: 3,
            endedAt: '2026-01-01T00:00:02.000Z',
            error: { kind: 'transient', message: 'down', step: 'b', pointer: '/steps/1' },
          },
        ],
      });
      await store.close();
    });

    it('tells a null output from none', async () => {
      const store = open();
      const run = newRun();
      await store.createRun(run);
      await store.appendStep(run.id, step('n'));
      await store.updateStep(run.id, 'n', { status: 'completed', output: null });
      await store.updateRun(run.id, { status: 'completed', output: null });
      const read = await store.getRun(run.id);
      expect(read?.output).toBeNull();
      expect(read?.steps[0]?.output).toBeNull();
      expect(read?.steps[0]).not.toHaveProperty('input');
      await store.close();
    });

    it('replaces a step that runs again and moves it to the end', async () => {
      const store = open();
      const run = newRun();
      await store.createRun(run);
      await store.appendStep(run.id, step('x'));
      await store.appendStep(run.id, step('y'));
      await store.appendStep(run.id, step('x', { attempts: 2 }));
      const read = await store.getRun(run.id);
      expect(read?.steps.map((s) => [s.key, s.attempts])).toEqual([
        ['y', 1],
        ['x', 2],
      ]);
      await store.close();
    });

    it('lists runs newest first, filtered by status and workflow, limited', async () => {
      const store = open();
      const tag = `list-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const runs = [newRun({ workflow: tag }), newRun({ workflow: tag }), newRun({ workflow: tag })];
      for (const run of runs) await store.createRun(run);
      await store.updateRun(runs[1]?.id ?? '', { status: 'completed' });
      const all = await store.listRuns({ workflow: tag });
      expect(all.map((r) => r.id)).toEqual(runs.map((r) => r.id).reverse());
      expect(all[0]).not.toHaveProperty('steps');
      expect((await store.listRuns({ workflow: tag, status: 'completed' })).map((r) => r.id)).toEqual([runs[1]?.id]);
      expect(await store.listRuns({ workflow: tag, limit: 1 })).toHaveLength(1);
      expect(await store.getRun('no-such-run')).toBeUndefined();
      await store.close();
    });

    it('pages with `after`: newest first (start time, then id), every run once', async () => {
      const store = open();
      const tag = `page-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const startedAt = new Date(Date.UTC(2026, 1, 1)).toISOString();
      // Two runs share a start time: the id breaks the tie, so no page skips or repeats one.
      const runs = [
        newRun({ workflow: tag }),
        newRun({ workflow: tag, startedAt }),
        newRun({ workflow: tag, startedAt }),
      ];
      for (const run of runs) await store.createRun({ ...run, status: 'completed' });
      const seen: string[] = [];
      let after: string | undefined;
      for (let i = 0; i < 5; i++) {
        const page = await store.listRuns({ workflow: tag, limit: 2, after });
        if (page.length === 0) break;
        seen.push(...page.map((r) => r.id));
        after = page.at(-1)?.id;
      }
      expect(seen).toHaveLength(3);
      expect(new Set(seen).size).toBe(3);
      expect(seen[2]).toBe(runs[0]?.id);
      expect(await store.listRuns({ workflow: tag, after: 'no-such-run' })).toEqual([]);
      await store.close();
    });

    it('prunes finished runs that started before a date and keeps running ones', async () => {
      const store = open();
      const tag = `prune-${Date.now()}-${Math.random().toString(36).slice(2)}`;
      const old = newRun({ workflow: tag, startedAt: '2001-01-01T00:00:00.000Z' });
      const oldRunning = newRun({ workflow: tag, startedAt: '2001-01-02T00:00:00.000Z' });
      const recent = newRun({ workflow: tag, startedAt: '2001-03-01T00:00:00.000Z' });
      await store.createRun(old);
      await store.appendStep(old.id, step('s'));
      await store.updateRun(old.id, { status: 'failed', endedAt: '2001-01-01T00:00:01.000Z' });
      await store.createRun(oldRunning);
      await store.createRun({ ...recent, status: 'completed' });
      const { removed } = await store.prune({ olderThan: new Date('2001-02-01T00:00:00.000Z') });
      expect(removed).toBeGreaterThanOrEqual(1);
      expect(await store.getRun(old.id)).toBeUndefined();
      expect((await store.listRuns({ workflow: tag })).map((r) => r.id)).toEqual([recent.id, oldRunning.id]);
      await store.close();
    });

    it('lists the run of a dead owner as interrupted, ended at its last record', async () => {
      const store = open();
      // A pid above Linux's largest: its process is certainly gone.
      const dead = { host: THIS_PROCESS.host, pid: 4_194_305, instance: `dead-${Math.random().toString(36).slice(2)}` };
      const run = newRun({ owner: dead, startedAt: '2026-01-01T00:00:00.000Z' });
      await store.createRun(run);
      await store.appendStep(run.id, step('last', { startedAt: '2026-01-01T00:00:05.000Z' }));
      const listed = (await store.listRuns({ workflow: 'contract', limit: 1000 })).find((r) => r.id === run.id);
      expect(listed).toMatchObject({ status: 'interrupted', endedAt: '2026-01-01T00:00:05.000Z' });
      const read = await store.getRun(run.id);
      expect(read?.steps.map((s) => [s.key, s.status, s.endedAt])).toEqual([
        ['last', 'interrupted', '2026-01-01T00:00:05.000Z'],
      ]);
      await store.close();
    });

    it('leaves runs of a live process alone when marking interrupted runs', async () => {
      const store = open();
      const run = newRun();
      await store.createRun(run);
      expect(await store.markInterrupted()).not.toContain(run.id);
      expect((await store.getRun(run.id))?.status).toBe('running');
      await store.close();
    });

    it('keeps what a resume needs, and a waiting run with its due time until it is cleared', async () => {
      const store = open();
      const resume = {
        workflow: '{"mova":"1.0"}',
        workflowHash: 'ab'.repeat(32),
        file: 'flows/a.json',
        connectors: [{ package: '@mova/connector-echo', version: '1.2.0', integrity: ECHO_INTEGRITY }],
      };
      const run = newRun({ resume });
      await store.createRun(run);
      await store.appendStep(run.id, step('ok', { kind: 'wait', status: 'waiting' }));
      await store.updateRun(run.id, { status: 'waiting', resumeAt: '2026-01-03T00:00:00.000Z' });
      expect(await store.getRun(run.id)).toMatchObject({
        resume,
        status: 'waiting',
        resumeAt: '2026-01-03T00:00:00.000Z',
      });
      // A waiting run has no process: it is neither interrupted nor pruned.
      expect(await store.markInterrupted()).not.toContain(run.id);
      await store.prune({ olderThan: new Date('2100-01-01T00:00:00.000Z') });
      const listed = (await store.listRuns({ status: 'waiting', limit: 1000 })).find((r) => r.id === run.id);
      // A page of runs leaves the (possibly large) workflow text out; getRun has it.
      expect(listed).toMatchObject({ id: run.id, resumeAt: '2026-01-03T00:00:00.000Z' });
      expect(listed).not.toHaveProperty('resume');
      await store.updateRun(run.id, { resumeAt: null });
      expect(await store.getRun(run.id)).not.toHaveProperty('resumeAt');
      await store.close();
    });

    it('decides a waiting step once: a second decision finds it decided', async () => {
      const store = open();
      const run = newRun();
      await store.createRun(run);
      await store.appendStep(run.id, step('ok', { kind: 'wait', status: 'waiting' }));
      await store.appendStep(run.id, step('done', { status: 'completed' }));
      const decision = { status: 'completed' as const, output: { approved: true } };
      const both = await Promise.all([
        store.decideStep(run.id, 'ok', decision),
        store.decideStep(run.id, 'ok', decision),
      ]);
      expect(both.sort()).toEqual([false, true]);
      expect(await store.decideStep(run.id, 'done', decision)).toBe(false);
      expect(await store.decideStep(run.id, 'missing', decision)).toBe(false);
      expect((await store.getRun(run.id))?.steps[0]).toMatchObject({ status: 'completed', output: { approved: true } });
      await store.close();
    });

    it('reopens an interrupted or waiting run for a new owner, once', async () => {
      const store = open();
      const dead = { host: THIS_PROCESS.host, pid: 4_194_305, instance: `dead-${Math.random().toString(36).slice(2)}` };
      const crashed = newRun({ owner: dead });
      await store.createRun(crashed);
      await store.appendStep(crashed.id, step('a', { status: 'completed' }));
      await store.appendStep(crashed.id, step('b'));
      const taken = await store.reopenRun(crashed.id, THIS_PROCESS);
      expect(taken).toMatchObject({ status: 'running', owner: THIS_PROCESS });
      expect(taken).not.toHaveProperty('endedAt');
      expect(taken).not.toHaveProperty('error');
      expect(taken?.steps.map((s) => [s.key, s.status])).toEqual([
        ['a', 'completed'],
        ['b', 'interrupted'],
      ]);
      expect(await store.getRun(crashed.id)).toMatchObject({ status: 'running', owner: THIS_PROCESS });
      // Taken already (running), so a second resume gets nothing; nor does a finished or unknown run.
      expect(await store.reopenRun(crashed.id, THIS_PROCESS)).toBeUndefined();
      await store.updateRun(crashed.id, { status: 'completed', endedAt: new Date().toISOString() });
      expect(await store.reopenRun(crashed.id, THIS_PROCESS)).toBeUndefined();
      expect(await store.reopenRun('no-such-run', THIS_PROCESS)).toBeUndefined();

      const waiting = newRun();
      await store.createRun(waiting);
      await store.updateRun(waiting.id, { status: 'waiting', resumeAt: '2026-01-03T00:00:00.000Z' });
      const claims = await Promise.all([
        store.reopenRun(waiting.id, THIS_PROCESS),
        store.reopenRun(waiting.id, THIS_PROCESS),
      ]);
      expect(claims.filter((c) => c !== undefined)).toHaveLength(1);
      const read = await store.getRun(waiting.id);
      expect(read?.status).toBe('running');
      expect(read).not.toHaveProperty('resumeAt');
      await store.updateRun(waiting.id, { status: 'completed', endedAt: new Date().toISOString() });
      await store.close();
    });

    it('records a whole run made by the runtime', async () => {
      const t = await testRuntime({ store: open() });
      const result = await t.runtime.run(
        workflow([
          { id: 'a', set: '{{ inputs.n + 1 }}' },
          { id: 'each', repeat: { for_each: [1, 2] }, do: [{ id: 'sq', set: '{{ item * item }}' }] },
          { id: 'stop', fail: { message: 'stop at {{ steps.a.output }}', kind: 'conflict' } },
        ]),
        { n: 1 },
      );
      const run = await t.store.getRun(result.runId);
      await t.cleanup();
      expect(run).toMatchObject({
        id: result.runId,
        workflow: 'test',
        status: 'failed',
        inputs: { n: 1 },
        error: { kind: 'conflict', message: 'stop at 2', step: 'stop', pointer: '/steps/2/fail' },
        owner: THIS_PROCESS,
      });
      expect(Date.parse(run?.endedAt ?? '')).toBeGreaterThanOrEqual(Date.parse(run?.startedAt ?? ''));
      expect(run?.steps.map((s) => [s.key, s.kind, s.status, s.output ?? null])).toEqual([
        ['a', 'set', 'completed', 2],
        ['each', 'repeat', 'completed', [1, 4]],
        ['sq[0]', 'set', 'completed', 1],
        ['sq[1]', 'set', 'completed', 4],
        ['stop', 'fail', 'failed', null],
      ]);
    });
  });
}
