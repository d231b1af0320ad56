import { num } from './table.mjs';

export const COLUMNS = [
  ['figure', 'left'],
  ['unit', 'left'],
  ['mean', 'right'],
  ['p50', 'right'],
  ['p99', 'right'],
  ['× raw RTT', 'right'],
  ['target', 'left'],
  ['', 'left'],
];

/**
 * Table rows whose ratio column divides by the raw round trip's median: every figure reads as "how
 * many raw worker round trips it costs" (a throughput as the time per run, 1 s / runs per second).
 */
export function rowsAgainst(rawP50) {
  const ratio = (us) => `${num(us / rawP50)}×`;
  const mark = (target, ok, note) => `${target ? (ok ? 'met' : 'MISSED') : ''} ${note}`.trim();
  return {
    latency: (label, s, { target = '', ok = false, note = '' } = {}) => [
      label,
      'µs',
      num(s.mean),
      num(s.p50),
      num(s.p99),
      ratio(s.p50),
      target,
      mark(target, ok, note),
    ],
    millis: (label, s, { target = '', ok = false, note = '' } = {}) => [
      label,
      `ms (n=${s.n})`,
      num(s.mean),
      num(s.p50),
      num(s.p99),
      ratio(s.p50 * 1000),
      target,
      mark(target, ok, note),
    ],
    rate: (label, perSecond, { target = '', ok = false, note = '' } = {}) => [
      label,
      'runs/s',
      '',
      num(perSecond),
      '',
      ratio(1e6 / perSecond),
      target,
      mark(target, ok, note),
    ],
  };
}
