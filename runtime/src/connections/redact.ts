export const REDACTED = '[redacted]';

/** Shorter secrets are replaced only where they are a whole value, so "1" does not blank every digit. */
const MIN_SUBSTRING = 4;

export type Redactor = <T>(value: T) => T;

/**
 * Builds a function that returns a deep copy of a value with every secret replaced by
 * `[redacted]`, wherever it appears: whole values, inside longer strings, in error messages.
 */
export function createRedactor(secrets: Iterable<string>): Redactor {
  const all = [...new Set([...secrets].filter((s) => s.length > 0))].sort((a, b) => b.length - a.length);
  const long = all.filter((s) => s.length >= MIN_SUBSTRING);
  const exact = new Set(all);
  const redactString = (text: string): string => {
    if (exact.has(text)) return REDACTED;
    let out = text;
    for (const secret of long) if (out.includes(secret)) out = out.replaceAll(secret, REDACTED);
    return out;
  };
  const walk = (value: unknown): unknown => {
    if (typeof value === 'string') return redactString(value);
    if (Array.isArray(value)) return value.map(walk);
    if (value && typeof value === 'object') {
      const out: Record<string, unknown> = {};
      for (const [key, item] of Object.entries(value)) out[key] = walk(item);
      return out;
    }
    return value;
  };
  return <T>(value: T): T => (all.length === 0 ? value : (walk(value) as T));
}

/** Every string inside a value, e.g. all fields of a connection's auth. */
export function secretValues(value: unknown): string[] {
  if (typeof value === 'string') return [value];
  if (Array.isArray(value)) return value.flatMap(secretValues);
  if (value && typeof value === 'object') return Object.values(value).flatMap(secretValues);
  return [];
}
