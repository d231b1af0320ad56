import type { WorkflowIssue } from '../errors.js';
import { isRecord } from '../is-record.js';
import { pointerJoin } from '../json-pointer.js';
import type { Limits } from '../limits.js';

// Everything here walks with an explicit stack, never by recursion: these checks run before the
// recursive ones (the schema, the validator, the executor) so that a document too deep for them is
// refused with a located issue instead of "Maximum call stack size exceeded".

type DocumentLimits = Pick<Limits, 'maxWorkflowBytes' | 'maxWorkflowDepth' | 'maxSteps'>;

/** A workflow text larger than the limit, refused before it is parsed. */
export function sizeIssue(text: string, limits: DocumentLimits): WorkflowIssue | undefined {
  // A UTF-16 string is at most 3 bytes per code unit in UTF-8: skip the count when it cannot exceed.
  if (text.length * 3 <= limits.maxWorkflowBytes) return undefined;
  const bytes = Buffer.byteLength(text);
  if (bytes <= limits.maxWorkflowBytes) return undefined;
  return {
    pointer: '',
    message: `is ${mib(bytes)}, more than the ${mib(limits.maxWorkflowBytes)} a workflow file may be`,
    hint: 'Keep large data out of the workflow: pass it as an input or read it with a step.',
  };
}

interface Position {
  line: number;
  column: number;
}

type Frame =
  | { kind: 'object'; keys: Map<string, Position>; expectKey: boolean; key: string }
  | { kind: 'array'; index: number };

/**
 * Reads a JSON text that parsed, in one pass: objects and arrays nested deeper than the limit
 * (reported once, where it is crossed) and keys repeated in an object (JSON.parse keeps the last
 * value silently), each with its pointer, line and column.
 */
export function scanIssues(text: string, limits: DocumentLimits): WorkflowIssue[] {
  const issues: WorkflowIssue[] = [];
  const stack: Frame[] = [];
  let line = 1;
  let lineStart = 0;
  const here = (at: number): Position => ({ line, column: at - lineStart + 1 });
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) {
      // A string: find its end, skipping escapes.
      let end = i + 1;
      let escaped = false;
      while (end < text.length) {
        const d = text.charCodeAt(end);
        if (d === 0x5c) {
          escaped = true;
          end += 2;
        } else if (d === 0x22) break;
        else end++;
      }
      const top = stack.at(-1);
      if (top?.kind === 'object' && top.expectKey) {
        const key: string = escaped ? JSON.parse(text.slice(i, end + 1)) : text.slice(i + 1, end);
        const first = top.keys.get(key);
        const at = here(i);
        if (first) {
          issues.push({
            pointer: pointerJoin(pointerOf(stack.slice(0, -1)), key),
            message: `repeats the key "${key}" (line ${at.line} column ${at.column}; first at line ${first.line} column ${first.column})`,
            hint: 'JSON keeps only the last value of a repeated key, so the other would be lost without a word: remove or rename one.',
          });
        } else top.keys.set(key, at);
        top.key = key;
        top.expectKey = false;
      }
      i = end;
      continue;
    }
    if (c === 0x7b || c === 0x5b) {
      if (stack.length >= limits.maxWorkflowDepth) {
        const at = here(i);
        issues.push({
          pointer: pointerOf(stack),
          message: `nests objects and arrays deeper than ${limits.maxWorkflowDepth} levels (line ${at.line} column ${at.column})`,
          hint: `A workflow nests at most ${limits.maxWorkflowDepth} levels: put fewer steps inside each other, or keep deep data out of the file.`,
        });
        return issues;
      }
      stack.push(
        c === 0x7b ? { kind: 'object', keys: new Map(), expectKey: true, key: '' } : { kind: 'array', index: 0 },
      );
    } else if (c === 0x7d || c === 0x5d) {
      stack.pop();
    } else if (c === 0x2c) {
      const top = stack.at(-1);
      if (top?.kind === 'array') top.index++;
      else if (top) top.expectKey = true;
    } else if (c === 0x0a) {
      line++;
      lineStart = i + 1;
    }
  }
  return issues;
}

/** The pointer of the value the innermost container is at. */
function pointerOf(stack: Frame[]): string {
  return pointerJoin('', ...stack.map((frame) => (frame.kind === 'object' ? frame.key : frame.index)));
}

/** A document given as a value (not text) nested deeper than the limit, or holding a cycle. */
export function depthIssue(document: unknown, limits: DocumentLimits): WorkflowIssue | undefined {
  const stack: [unknown, string, number][] = [[document, '', 1]];
  while (stack.length > 0) {
    const [value, pointer, depth] = stack.pop() as [unknown, string, number];
    if (value === null || typeof value !== 'object') continue;
    if (depth > limits.maxWorkflowDepth) {
      return {
        pointer,
        message: `nests objects and arrays deeper than ${limits.maxWorkflowDepth} levels`,
        hint: `A workflow nests at most ${limits.maxWorkflowDepth} levels: put fewer steps inside each other, or keep deep data out of it.`,
      };
    }
    for (const [key, child] of Object.entries(value)) stack.push([child, pointerJoin(pointer, key), depth + 1]);
  }
  return undefined;
}

/**
 * More steps than the limit (nested ones included), located at the first step past it in
 * document order. Read before the schema, so it tolerates any shape.
 */
export function stepCountIssue(document: unknown, limits: DocumentLimits): WorkflowIssue | undefined {
  if (!isRecord(document) || !Array.isArray(document.steps)) return undefined;
  let count = 0;
  let beyond: string | undefined;
  // Lists still being walked, each with the index of its next step.
  const lists: { steps: unknown[]; pointer: string; next: number }[] = [
    { steps: document.steps, pointer: '/steps', next: 0 },
  ];
  while (lists.length > 0) {
    const list = lists.at(-1) as (typeof lists)[number];
    if (list.next >= list.steps.length) {
      lists.pop();
      continue;
    }
    const i = list.next++;
    const step = list.steps[i];
    const pointer = pointerJoin(list.pointer, i);
    count++;
    if (count === limits.maxSteps + 1) beyond = pointer;
    // Pushed in reverse so they are walked in document order.
    lists.push(...blocksIn(step, pointer).reverse());
  }
  if (beyond === undefined) return undefined;
  return {
    pointer: beyond,
    message: `is past the ${limits.maxSteps} steps a workflow may hold (it has ${count}, nested ones included)`,
    hint: 'Split the workflow, or loop over data with repeat instead of writing a step per item.',
  };
}

function blocksIn(step: unknown, pointer: string): { steps: unknown[]; pointer: string; next: number }[] {
  if (!isRecord(step)) return [];
  const blocks: { steps: unknown[]; pointer: string; next: number }[] = [];
  const add = (steps: unknown, at: string) => {
    if (Array.isArray(steps)) blocks.push({ steps, pointer: at, next: 0 });
  };
  for (const field of ['then', 'else', 'do', 'try']) add(step[field], pointerJoin(pointer, field));
  if (isRecord(step.catch)) add(step.catch.do, pointerJoin(pointer, 'catch', 'do'));
  if (isRecord(step.parallel)) {
    const branches = step.parallel.branches;
    const at = pointerJoin(pointer, 'parallel', 'branches');
    const entries: [string | number, unknown][] = Array.isArray(branches)
      ? branches.map((steps, i) => [i, steps])
      : isRecord(branches)
        ? Object.entries(branches)
        : [];
    for (const [name, steps] of entries) add(steps, pointerJoin(at, name));
  }
  return blocks;
}

function mib(bytes: number): string {
  return `${(bytes / 1024 / 1024).toFixed(1).replace(/\.0$/, '')} MiB`;
}
