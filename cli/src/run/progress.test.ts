import type { RunEvent, StepRef } from '@mova/runtime';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { RunProgress } from './progress.js';
import type { StepInfo } from './step-map.js';

const STEPS = new Map<string, StepInfo>([
  ['/steps/0', { id: 'fetch', label: 'postgres/query@1.0.0', attempts: 3, loops: 0 }],
  ['/steps/1', { id: 'each', label: 'repeat', attempts: 1, loops: 0 }],
  ['/steps/1/do/0', { id: 'tag', label: 'set', attempts: 1, loops: 1 }],
]);

const fetch: StepRef = { key: 'fetch', id: 'fetch', pointer: '/steps/0', kind: 'uses' };
const each: StepRef = { key: 'each', id: 'each', pointer: '/steps/1', kind: 'repeat' };
const tag0: StepRef = { key: 'tag[0]', id: 'tag', pointer: '/steps/1/do/0', kind: 'set' };
const runId = 'r1';
const at = '2025-01-01T00:00:00.000Z';
const transient = { kind: 'transient' as const, message: 'connection reset', hint: 'Try again.' };

const runStarted: RunEvent = { type: 'run.started', runId, workflow: 'sync', at };
const fetchStarted: RunEvent = { type: 'step.started', runId, step: fetch, at };
const fetchCompleted: RunEvent = { type: 'step.completed', runId, step: fetch, output: {}, durationMs: 1534 };
const eachStarted: RunEvent = { type: 'step.started', runId, step: each, at };
const tagStarted: RunEvent = { type: 'step.started', runId, step: tag0, at };

const EVENTS: RunEvent[] = [
  runStarted,
  fetchStarted,
  { type: 'step.retrying', runId, step: fetch, attempt: 2, delayMs: 1000, error: transient },
  { type: 'step.log', runId, step: fetch, level: 'info', message: 'not shown' },
  { type: 'step.log', runId, step: fetch, level: 'warn', message: 'slow\nserver' },
  fetchCompleted,
  eachStarted,
  tagStarted,
  { type: 'step.failed', runId, step: tag0, error: { kind: 'expression', message: 'bad' }, durationMs: 3 },
  { type: 'step.failed', runId, step: each, error: { kind: 'expression', message: 'bad' }, durationMs: 4 },
  { type: 'run.finished', runId, status: 'failed', durationMs: 1600 },
];

function sink(columns?: number) {
  const out = { text: '', columns, write: (chunk: string) => (out.text += chunk) };
  return out;
}

afterEach(() => {
  vi.useRealTimers();
});

describe('RunProgress', () => {
  it('writes one plain line per finished step, retries and warnings included, when not on a terminal', () => {
    const out = sink();
    const progress = new RunProgress({ out, live: false, steps: STEPS });
    for (const event of EVENTS) progress.handle(event);
    expect(out.text.split('\n')).toEqual([
      '▶ sync  run r1',
      '↻ fetch     postgres/query@1.0.0  retry 2/3 in 1.0s  after transient: connection reset (Try again.)',
      '● fetch     postgres/query@1.0.0  warn  slow server',
      '✓ fetch     postgres/query@1.0.0  completed 1.5s',
      '▸ each      repeat',
      '  ✗ tag[0]  set                   failed    3ms  expression: bad',
      '✗ each      repeat                failed    4ms  expression: bad',
      '',
    ]);
  });

  it('on a terminal keeps a redrawn line of the running steps below the finished ones, and clears it at the end', () => {
    vi.useFakeTimers();
    let now = 0;
    const out = sink(60);
    const progress = new RunProgress({ out, live: true, steps: STEPS, now: () => now });
    progress.handle(runStarted);
    progress.handle(fetchStarted);
    expect(out.text.endsWith('⠋ running fetch 0ms')).toBe(true);
    now = 2500;
    vi.advanceTimersByTime(100);
    expect(out.text.endsWith('\r\x1b[2K⠙ running fetch 2.5s')).toBe(true);
    progress.handle(fetchCompleted);
    // The live line is wiped before the finished line takes its place; nothing runs, so none is drawn again.
    expect(out.text.endsWith('\r\x1b[2K✓ fetch     postgres/query@1.0.0  completed 1.5s\n')).toBe(true);
    progress.handle(eachStarted);
    progress.handle(tagStarted);
    expect(out.text.endsWith('⠙ running each 0ms, tag[0] 0ms')).toBe(true);
    progress.stop();
    expect(out.text.endsWith('\r\x1b[2K')).toBe(true);
    const length = out.text.length;
    vi.advanceTimersByTime(1000);
    expect(out.text.length).toBe(length);
  });

  it('cuts the live line to the terminal width so it never wraps', () => {
    vi.useFakeTimers();
    const out = sink(40);
    const progress = new RunProgress({ out, live: true, steps: STEPS, now: () => 0 });
    progress.handle(runStarted);
    for (let i = 0; i < 10; i++) {
      progress.handle({ type: 'step.started', runId, step: { ...tag0, key: `tag[${i}]` }, at });
    }
    const live = out.text.slice(out.text.lastIndexOf('\x1b[2K') + 4);
    expect(live).toHaveLength(39);
    expect(live.endsWith('…')).toBe(true);
    progress.stop();
  });
});
