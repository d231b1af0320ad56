import { AssertionError, deepStrictEqual } from 'node:assert/strict';

/**
 * Fields a value must have: each compared with deep equality, except a RegExp, which the field's
 * text must match.
 */
export type ExpectedFields = Record<string, unknown>;

/** Throws an AssertionError naming every field of `expected` that `actual` lacks or has otherwise. */
export function assertFields(actual: unknown, expected: ExpectedFields, label: string): void {
  const record = (actual ?? {}) as Record<string, unknown>;
  const wrong = Object.entries(expected).filter(([field, want]) => {
    const got = record[field];
    if (want instanceof RegExp) return !want.test(String(got));
    try {
      deepStrictEqual(got, want);
      return false;
    } catch {
      return true;
    }
  });
  if (wrong.length === 0) return;
  const seen = Object.fromEntries(wrong.map(([field]) => [field, record[field]]));
  throw new AssertionError({
    message: `${label}: expected ${show(Object.fromEntries(wrong))}, got ${show(seen)}`,
    actual: seen,
    expected: Object.fromEntries(wrong),
  });
}

/** Awaits a promise that must reject with an error (of `type`, when given) having `expected`'s fields. */
export async function assertRejects(
  promise: Promise<unknown>,
  expected: ExpectedFields,
  label: string,
  type?: abstract new (...args: never[]) => Error,
): Promise<unknown> {
  const outcome = await promise.then(
    (value) => ({ resolved: true as const, value }),
    (error: unknown) => ({ resolved: false as const, error }),
  );
  if (outcome.resolved) {
    throw new AssertionError({ message: `${label}: expected a rejection, got ${show(outcome.value)}` });
  }
  if (type && !(outcome.error instanceof type)) {
    throw new AssertionError({ message: `${label}: expected a ${type.name}, got ${String(outcome.error)}` });
  }
  assertFields(outcome.error, expected, label);
  return outcome.error;
}

/**
 * Deep equality of a value as JSON carries it (what the run store and a sandbox hand back), so an
 * output's prototypes and undefined fields do not count.
 */
export function assertJsonEqual(actual: unknown, expected: unknown, label: string): void {
  deepStrictEqual(actual === undefined ? undefined : JSON.parse(JSON.stringify(actual)), expected, label);
}

function show(value: unknown): string {
  return JSON.stringify(value, (_key, item: unknown) => (item instanceof RegExp ? String(item) : item));
}
