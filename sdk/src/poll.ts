import type { Static, TSchema } from '@sinclair/typebox';
import type { ActionContext } from './context.js';
import type { Dedupe, PollingTriggerDefinition } from './define.js';

/** What a polling trigger remembers between polls. */
export interface PollState {
  /** Ids already emitted (id dedupe), newest last, bounded to `MAX_SEEN`. */
  seen?: string[];
  /** Newest timestamp emitted so far (timestamp dedupe). */
  since?: string;
}

const MAX_SEEN = 1000;

/**
 * Runs one poll and keeps only items not emitted before. The first poll records what exists and
 * emits nothing, unless the trigger sets `emitOnFirstPoll`.
 */
export async function pollTrigger<I extends TSchema, O extends TSchema, A>(
  trigger: PollingTriggerDefinition<I, O, A>,
  args: { input: Static<I>; auth: A; ctx: ActionContext; state?: PollState },
): Promise<{ items: Static<O>[]; state: PollState }> {
  const found = await trigger.poll({ input: args.input, auth: args.auth, ctx: args.ctx, since: args.state?.since });
  return dedupePoll(found, trigger, args.state);
}

/**
 * Keeps the items of one poll that were not emitted before, and the state for the next poll. A
 * host that runs `poll` elsewhere (in a sandbox) applies this to what came back, using the
 * trigger's manifest entry.
 */
export function dedupePoll<T>(
  found: readonly T[],
  trigger: { dedupe: Dedupe; emitOnFirstPoll?: boolean },
  state: PollState | undefined,
): { items: T[]; state: PollState } {
  const first = state === undefined;
  const field = trigger.dedupe.field;
  let fresh: T[];
  let next: PollState;
  if (trigger.dedupe.by === 'id') {
    const seen = new Set(state?.seen ?? []);
    fresh = found.filter((item) => !seen.has(String(read(item, field))));
    const ids = [...(state?.seen ?? []), ...fresh.map((item) => String(read(item, field)))];
    next = { seen: ids.slice(-MAX_SEEN) };
  } else {
    const since = state?.since;
    fresh = found.filter((item) => since === undefined || compareTime(read(item, field), since) > 0);
    const newest = found.reduce<string | undefined>((max, item) => {
      const t = String(read(item, field));
      return max === undefined || compareTime(t, max) > 0 ? t : max;
    }, since);
    next = newest === undefined ? {} : { since: newest };
  }
  return { items: first && !trigger.emitOnFirstPoll ? [] : fresh, state: next };
}

function read(item: unknown, path: string): unknown {
  let value: unknown = item;
  for (const part of path.split('.')) value = (value as Record<string, unknown> | undefined)?.[part];
  return value;
}

/**
 * Compares ISO dates as instants and numbers as numbers, so `2024-01-02T00:00:00+01:00` sorts right
 * and so does a numeric cursor (an update id) once the state has stored it as the string "123".
 */
function compareTime(a: unknown, b: unknown): number {
  const ta = instant(a);
  const tb = instant(b);
  if (Number.isNaN(ta) || Number.isNaN(tb)) return String(a).localeCompare(String(b));
  return ta - tb;
}

function instant(value: unknown): number {
  if (typeof value === 'number') return value;
  const text = String(value);
  return /^-?\d+(\.\d+)?$/.test(text) ? Number(text) : Date.parse(text);
}
