import { describe, expect, it } from 'vitest';
import { standaloneContext } from './context.js';
import { defineTrigger } from './define.js';
import { type PollState, pollTrigger } from './poll.js';
import { Type } from './schema.js';

const Item = Type.Object({ id: Type.Integer(), at: Type.String() });
type Item = { id: number; at: string };

function trigger(batches: Item[][], dedupe: 'id' | 'timestamp', emitOnFirstPoll = false) {
  const sinces: (string | undefined)[] = [];
  const t = defineTrigger({
    kind: 'polling',
    key: 'items.new',
    title: 'New item',
    input: Type.Object({}),
    output: Item,
    dedupe: dedupe === 'id' ? { by: 'id', field: 'id' } : { by: 'timestamp', field: 'at' },
    emitOnFirstPoll,
    async poll({ since }) {
      sinces.push(since);
      return batches.shift() ?? [];
    },
  });
  return { t, sinces };
}

const ctx = standaloneContext({ name: 't', version: '1.0.0' }, 'items.new');

async function pollAll(t: ReturnType<typeof trigger>['t'], times: number) {
  let state: PollState | undefined;
  const emitted: unknown[][] = [];
  for (let i = 0; i < times; i++) {
    const r = await pollTrigger(t, { input: {}, auth: undefined, ctx, state });
    emitted.push(r.items);
    state = r.state;
  }
  return { emitted, state };
}

describe('pollTrigger', () => {
  it('dedupes by id and records the first poll without emitting', async () => {
    const a = { id: 1, at: '2024-01-01T00:00:00Z' };
    const b = { id: 2, at: '2024-01-02T00:00:00Z' };
    const { t } = trigger([[a], [b, a], [b, a]], 'id');
    const { emitted, state } = await pollAll(t, 3);
    expect(emitted).toEqual([[], [b], []]);
    expect(state).toEqual({ seen: ['1', '2'] });
  });

  it('dedupes by timestamp, compares instants and hands `since` to the poll', async () => {
    const a = { id: 1, at: '2024-01-01T10:00:00+02:00' };
    const b = { id: 2, at: '2024-01-01T09:00:00Z' };
    const { t, sinces } = trigger([[a], [a, b], [b]], 'timestamp', true);
    const { emitted } = await pollAll(t, 3);
    expect(emitted).toEqual([[a], [b], []]);
    expect(sinces).toEqual([undefined, a.at, b.at]);
  });

  it('dedupes by a numeric cursor kept as a string in the state, comparing numbers as numbers', async () => {
    const Update = Type.Object({ id: Type.Integer() });
    const batches = [[{ id: 9 }], [{ id: 9 }, { id: 10 }], [{ id: 10 }, { id: 11 }]];
    const t = defineTrigger({
      kind: 'polling',
      key: 'updates.new',
      title: 'New update',
      input: Type.Object({}),
      output: Update,
      dedupe: { by: 'timestamp', field: 'id' },
      async poll() {
        return batches.shift() ?? [];
      },
    });
    let state: PollState | undefined;
    const emitted: unknown[][] = [];
    for (let i = 0; i < 3; i++) {
      const r = await pollTrigger(t, { input: {}, auth: undefined, ctx, state });
      emitted.push(r.items);
      state = r.state;
    }
    expect(emitted).toEqual([[], [{ id: 10 }], [{ id: 11 }]]);
    expect(state).toEqual({ since: '11' });
  });
});
