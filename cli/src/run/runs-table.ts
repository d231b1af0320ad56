import type { RunSummary } from '@mova/runtime';
import { elapsed, formatMs, formatTime } from './format.js';

const HEADERS = ['ID', 'WORKFLOW', 'STATUS', 'STARTED', 'DURATION'];

/** Runs as an aligned table, one per line, in the order given. */
export function runsTable(runs: readonly RunSummary[]): string[] {
  const rows = runs.map((run) => {
    const took = elapsed(run.startedAt, run.endedAt);
    return [run.id, run.workflow, run.status, formatTime(run.startedAt), took === undefined ? '-' : formatMs(took)];
  });
  return alignedTable(HEADERS, rows);
}

/** Headers and rows as lines, each column as wide as its widest cell. */
export function alignedTable(headers: readonly string[], rows: readonly string[][]): string[] {
  const widths = headers.map((header, column) =>
    Math.max(header.length, ...rows.map((row) => row[column]?.length ?? 0)),
  );
  return [headers, ...rows].map((row) =>
    row
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
}
