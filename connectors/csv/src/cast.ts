/** A parsed CSV cell once typed: the text, or a number, boolean or null when asked for. */
export type Cell = string | number | boolean | null;

export interface CastOptions {
  numbers: boolean;
  booleans: boolean;
  emptyAsNull: boolean;
}

// Plain decimal notation only: no hex, no leading "+", no "1_000", and no leading zeros ("007",
// ZIP codes and ids stay text), so a cast never changes what a value means.
const NUMBER = /^-?(?:0|[1-9]\d*)(?:\.\d+)?(?:[eE][+-]?\d+)?$/;

/**
 * Types one cell. `quoted` is whether the field was quoted in the file: an empty quoted field
 * (`""`) stays an empty string even with `emptyAsNull`, as PostgreSQL's CSV import reads it.
 * @example castCell('42', false, { numbers: true, booleans: false, emptyAsNull: false }) // 42
 * @example castCell('00501', false, { numbers: true, booleans: false, emptyAsNull: false }) // '00501'
 */
export function castCell(value: string, quoted: boolean, options: CastOptions): Cell {
  if (value === '') return options.emptyAsNull && !quoted ? null : '';
  if (options.numbers && NUMBER.test(value)) {
    const number = Number(value);
    // Past 2^53 a JSON number loses digits: keep such a value as its text.
    const exact = Number.isFinite(number) && (!Number.isInteger(number) || Number.isSafeInteger(number));
    if (exact) return number;
  }
  if (options.booleans) {
    const lower = value.toLowerCase();
    if (lower === 'true') return true;
    if (lower === 'false') return false;
  }
  return value;
}
