import type { StepErrorInfo, StepKind, StepRecord } from '@mova/runtime';
import { ux } from '@oclif/core';
import { oneLine } from '../user-error.js';

/** How a step kind reads in a progress line; `branch` is the `if` + `then` step. */
export function kindLabel(kind: StepKind): string {
  return kind === 'branch' ? 'if' : kind;
}

/** `@mova/connector-postgres@1.0.0` → `postgres@1.0.0`; third-party names stay whole. */
export function shortConnector(name: string): string {
  return name.replace(/^@mova\/connector-/, '');
}

/** What a recorded step ran: the connector version for `uses` steps, else its kind. */
export function recordLabel(step: StepRecord): string {
  if (step.connector) return shortConnector(step.connector);
  return step.kind === 'uses' ? 'built-in' : kindLabel(step.kind);
}

/** `12ms`, `1.5s`, `2m05s`, `1h02m`: short, and precise where it matters. */
export function formatMs(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)}ms`;
  if (ms < 60_000) return `${(ms / 1000).toFixed(1)}s`;
  const seconds = Math.round(ms / 1000);
  if (seconds < 3600) return `${Math.floor(seconds / 60)}m${String(seconds % 60).padStart(2, '0')}s`;
  return `${Math.floor(seconds / 3600)}h${String(Math.floor((seconds % 3600) / 60)).padStart(2, '0')}m`;
}

/** A recorded time in the local zone, to the second: `2025-03-01 14:05:09`. */
export function formatTime(iso: string): string {
  const date = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())} ${pad(date.getHours())}:${pad(date.getMinutes())}:${pad(date.getSeconds())}`;
}

/** The time between two recorded instants, or undefined while the second is missing. */
export function elapsed(startedAt: string, endedAt: string | undefined): number | undefined {
  return endedAt === undefined ? undefined : Date.parse(endedAt) - Date.parse(startedAt);
}

/** A failure on one line: `kind: message (hint)`. */
export function errorText(error: StepErrorInfo): string {
  return `${error.kind}: ${oneLine(error.message)}${error.hint ? ` (${oneLine(error.hint)})` : ''}`;
}

/** A value as one line of JSON, cut at `max` characters. */
export function compactJson(value: unknown, max = 200): string {
  const text = JSON.stringify(value) ?? 'undefined';
  return text.length > max ? `${text.slice(0, max - 1)}…` : text;
}

/**
 * How deep a step sits, from its pointer: `/steps/2` is 0, `/steps/2/then/0` 1,
 * `/steps/1/parallel/branches/left/0/do/3` 2.
 */
export function pointerDepth(pointer: string): number {
  let depth = 0;
  const segments = pointer.split('/').slice(3);
  for (let i = 0; i < segments.length; ) {
    const into = INTO_BLOCK.get(segments[i] ?? '');
    if (into === undefined) {
      i++;
    } else {
      depth++;
      i += into;
    }
  }
  return depth;
}

/** Segments that lead from a step into one of its step lists, and how many there are up to the next step's index. */
const INTO_BLOCK = new Map([
  ['then', 2],
  ['else', 2],
  ['do', 2],
  ['try', 2],
  ['catch', 3],
  ['parallel', 4],
]);

export type Mark = 'completed' | 'failed' | 'skipped' | 'retrying' | 'started' | 'running' | 'waiting' | 'interrupted';

const MARKS: Record<Mark, [string, Parameters<typeof ux.colorize>[0]]> = {
  completed: ['✓', 'green'],
  failed: ['✗', 'red'],
  skipped: ['-', 'dim'],
  retrying: ['↻', 'yellow'],
  started: ['▸', 'cyan'],
  running: ['●', 'cyan'],
  waiting: ['⏸', 'magenta'],
  interrupted: ['!', 'yellow'],
};

/** Column widths of step lines, so ids and labels line up. */
export interface Widths {
  key: number;
  label: number;
}

export interface StepLine {
  mark: Mark;
  depth: number;
  key: string;
  label: string;
  /** Status text after the label; the mark's name when absent. */
  status?: string;
  durationMs?: number;
  detail?: string;
}

/**
 * One step on one line: `✓ greet   set   completed 2ms`, nested steps indented under their parent.
 * @example
 * stepLine({ mark: 'completed', depth: 0, key: 'greet', label: 'set', durationMs: 2 }, { key: 8, label: 6 })
 */
export function stepLine(line: StepLine, widths: Widths): string {
  const [symbol, color] = MARKS[line.mark];
  const indent = '  '.repeat(line.depth);
  const status = line.status ?? line.mark;
  const parts = [
    `${indent}${ux.colorize(color, symbol)} ${line.key.padEnd(widths.key - indent.length)}`,
    line.label.padEnd(widths.label),
    line.durationMs === undefined ? status : `${status.padEnd(9)} ${formatMs(line.durationMs)}`,
  ];
  if (line.detail) parts.push(line.detail);
  return parts.join('  ').trimEnd();
}

/** Widths that fit every given key (with its indent) and label. */
export function widthsFor(rows: Iterable<{ depth: number; key: string; label: string }>): Widths {
  const widths: Widths = { key: 0, label: 0 };
  for (const row of rows) {
    widths.key = Math.max(widths.key, row.depth * 2 + row.key.length);
    widths.label = Math.max(widths.label, row.label.length);
  }
  return widths;
}
