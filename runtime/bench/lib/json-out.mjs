import { loadavg } from 'node:os';

/** True when the script was started with `--json` (goals.mjs starts every part that way). */
export const wantsJson = () => process.argv.includes('--json');

/**
 * With `--json`, prints the part's figures as one JSON object on the last line of stdout, after the
 * usual human-readable output, for `bench/goals.mjs` to read. `data` holds the script's own rows
 * (plain objects, numbers unrounded); the 1-minute load average at the end is added.
 */
export function printJson(part, data) {
  if (!wantsJson()) return;
  process.stdout.write(`\n${JSON.stringify({ part, loadAfter: loadavg()[0], ...data })}\n`);
}
