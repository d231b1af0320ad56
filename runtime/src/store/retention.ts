const AGE = /^([0-9]+(?:\.[0-9]+)?)(m|h|d|w)$/;
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000, w: 7 * 86_400_000 } as const;

/**
 * Reads an age such as `90m`, `12h`, `30d` or `2w` as milliseconds; undefined when it is not one.
 * @example parseAge('30d') // 2_592_000_000
 */
export function parseAge(text: string): number | undefined {
  const match = AGE.exec(text.trim());
  if (!match) return undefined;
  const ms = Math.round(Number(match[1]) * UNIT_MS[match[2] as keyof typeof UNIT_MS]);
  return ms > 0 ? ms : undefined;
}

/**
 * The point in time a retention setting or `--older-than` names: an age (`30d`, counted back from
 * `now`) or an ISO date. Undefined when it is neither.
 * @example retentionCutoff('7d', new Date('2026-01-08T00:00:00Z')) // 2026-01-01T00:00:00.000Z
 */
export function retentionCutoff(text: string, now = new Date()): Date | undefined {
  const age = parseAge(text);
  if (age !== undefined) return new Date(now.getTime() - age);
  if (!/^\d{4}-\d{2}-\d{2}/.test(text)) return undefined;
  const date = new Date(text);
  return Number.isNaN(date.getTime()) ? undefined : date;
}

/** The cutoff of a prune as a time in ms; throws a TypeError for a value that is no date. */
export function cutoffMs(olderThan: Date | string): number {
  const ms = olderThan instanceof Date ? olderThan.getTime() : Date.parse(olderThan);
  if (Number.isNaN(ms)) throw new TypeError(`prune: olderThan "${String(olderThan)}" is not a date`);
  return ms;
}
