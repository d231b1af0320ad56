import { describe, expect, it } from 'vitest';
import { DirSyncs } from './dir-syncs.js';

/** A folder sync that ends only when the test lets it; records which folder each began for. */
function gatedSync() {
  const began: string[] = [];
  const gates: { open: () => void; fail: (error: Error) => void }[] = [];
  const sync = (dir: string) =>
    new Promise<void>((open, fail) => {
      began.push(dir);
      gates.push({ open, fail });
    });
  return { began, gates, sync };
}

const settledOf = (promise: Promise<void>) => {
  const state = { settled: false };
  void promise.then(
    () => {
      state.settled = true;
    },
    () => {
      state.settled = true;
    },
  );
  return state;
};

describe('DirSyncs', () => {
  it('gives requests made during a sync one shared next sync, and each resolves only after a sync it asked for', async () => {
    const { began, gates, sync } = gatedSync();
    const syncs = new DirSyncs(sync);
    const first = syncs.sync('/runs');
    const later = [syncs.sync('/runs'), syncs.sync('/runs'), syncs.sync('/runs')];
    const laterState = later.map(settledOf);
    await Promise.resolve();
    expect(began).toEqual(['/runs']);
    gates[0]?.open();
    await first;
    // The first sync may have begun before their entries existed: they are not done with it.
    expect(laterState.map((s) => s.settled)).toEqual([false, false, false]);
    await new Promise((turned) => setImmediate(turned));
    expect(began).toEqual(['/runs', '/runs']);
    gates[1]?.open();
    await Promise.all(later);
    expect(began).toHaveLength(2);
  });

  it('syncs other folders independently and fails only the requests of a failed sync', async () => {
    const { began, gates, sync } = gatedSync();
    const syncs = new DirSyncs(sync);
    const runs = syncs.sync('/runs');
    const workflows = syncs.sync('/workflows');
    await Promise.resolve();
    expect(began).toEqual(['/runs', '/workflows']);
    gates[0]?.fail(new Error('EIO'));
    await expect(runs).rejects.toThrow('EIO');
    gates[1]?.open();
    await workflows;
    // A failure leaves nothing behind: the next request starts a sync of its own.
    const again = syncs.sync('/runs');
    await Promise.resolve();
    expect(began).toEqual(['/runs', '/workflows', '/runs']);
    gates[2]?.open();
    await again;
  });
});
