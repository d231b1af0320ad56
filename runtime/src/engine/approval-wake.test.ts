import { describe, expect, it } from 'vitest';
import type { RunRecord, StepPatch, StepRecord } from '../store/types.js';
import { settleDue } from './approval-wake.js';

const NOW = Date.parse('2026-03-01T09:00:00.000Z');
const at = (ms: number) => new Date(NOW + ms).toISOString();

function waiting(key: string, kind: 'wait' | 'approval', output: unknown): StepRecord {
  return { key, id: key, pointer: `/steps/${key}`, kind, status: 'waiting', attempts: 1, startedAt: at(-1), output };
}

const approval = (due: number, onTimeout: 'approve' | 'reject') => ({
  message: 'Go?',
  links: { approve: 'a', reject: 'r' },
  expiresAt: at(due),
  onTimeout,
});

/** Steps decided by someone else already: the store refuses those, as decideStep does. */
function store(decidedElsewhere: string[] = []) {
  const decisions: [string, StepPatch][] = [];
  return {
    decisions,
    async decideStep(_runId: string, key: string, patch: StepPatch) {
      if (decidedElsewhere.includes(key)) return false;
      decisions.push([key, patch]);
      return true;
    },
  };
}

function run(steps: StepRecord[]): RunRecord {
  return {
    id: 'r1',
    workflow: 'w',
    status: 'waiting',
    inputs: {},
    startedAt: at(-10),
    owner: { host: 'h', pid: 1, instance: 'i' },
    steps,
  };
}

describe('settleDue', () => {
  it('gives due steps their default outcome, audits timed-out approvals, and says what still waits and when', async () => {
    const decided = store();
    const timedOut: [string, boolean][] = [];
    const found = await settleDue(
      decided,
      run([
        waiting('nap', 'wait', { until: at(-5) }),
        waiting('late', 'approval', approval(0, 'approve')),
        waiting('later', 'approval', approval(60_000, 'reject')),
        waiting('latest', 'wait', { until: at(120_000) }),
        { ...waiting('done', 'approval', approval(-1, 'reject')), status: 'completed' },
      ]),
      NOW,
      async (step, approved) => {
        timedOut.push([step, approved]);
      },
    );
    expect(found).toEqual({ waiting: 2, next: NOW + 60_000 });
    expect(decided.decisions).toEqual([
      ['nap', { status: 'completed', endedAt: at(0), output: null }],
      [
        'late',
        { status: 'completed', endedAt: at(0), output: { approved: true, decidedBy: 'timeout', decidedAt: at(0) } },
      ],
    ]);
    expect(timedOut).toEqual([['late', true]]);
  });

  it('leaves a step someone decided first alone, unaudited, and finds nothing left waiting', async () => {
    const timedOut: string[] = [];
    const found = await settleDue(
      store(['late']),
      run([waiting('late', 'approval', approval(0, 'reject'))]),
      NOW,
      async (step) => {
        timedOut.push(step);
      },
    );
    expect(found).toEqual({ waiting: 0 });
    expect(timedOut).toEqual([]);
  });
});
