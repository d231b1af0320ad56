import { BUILTIN_NAMES } from '../builtins/builtins.js';
import { EXPRESSION_OPTIONS, loadJsonata } from '../expressions/compile.js';
import { isTemplate, scanTemplate } from '../expressions/template.js';
import { pointerJoin } from '../json-pointer.js';
import { placeSteps } from './steps.js';
import type { Workflow } from './types.js';
import { parseUses } from './uses.js';

/** A field a step's `with` sets, as a path from the input's root. */
export interface InputField {
  path: string[];
  /** The value is an expression or a list: anything under the field may be sent. */
  opaque: boolean;
  /** Pointer of the value in the workflow. */
  pointer: string;
}

/** One place an expression reads a step's output: `steps.issue.output.user.login`. */
export interface OutputRead {
  /** The field path under the output (`['user', 'login']`); the field is read with all it holds. Empty: the whole output. */
  path: string[];
  /** Pointer of the string that holds the expression; undefined when the read is implicit (the workflow's result). */
  pointer?: string;
  /** `[start, end)` offsets in that string of each path segment's name token, for rewriting. */
  spans: [number, number][];
}

/** What one connector step of a workflow uses of its action. */
export interface ConnectorStepUsage {
  /** An action step, or the workflow's polling trigger (id `trigger`, pointer `/trigger`). */
  operation: 'action' | 'trigger';
  id: string;
  pointer: string;
  uses: string;
  package: string;
  connector: string;
  action: string;
  range: string;
  /** The fields of `with` it sets; `any` when `with` is one expression. */
  inputs: InputField[] | 'any';
  /** Where expressions read its output; `any` when some read cannot be pinned to fields. */
  outputs: OutputRead[] | 'any';
}

const STOP_FLAGS = ['stages', 'predicate', 'group', 'focus', 'index', 'tuple', 'keepArray'];

interface AstNode {
  type?: string;
  value?: unknown;
  position?: number;
  steps?: AstNode[];
  [key: string]: unknown;
}

/**
 * What each connector step of a workflow uses of its action: the fields its `with` sets and the
 * output fields the workflow's expressions read. Conservative: a read that cannot be pinned to
 * fields (the whole output, a computed step like `$lookup(steps, x)`, the workflow's result when
 * it declares no `output`) counts as reading everything; a path read through a filter or a
 * function counts as reading that field with all it holds.
 */
export function workflowUsage(workflow: Workflow): ConnectorStepUsage[] {
  const placed = placeSteps(workflow.steps);
  const steps: ConnectorStepUsage[] = [];
  const byId = new Map<string, ConnectorStepUsage[]>();
  for (const { step, pointer } of placed) {
    if (!('uses' in step)) continue;
    const parsed = parseUses(step.uses, BUILTIN_NAMES);
    if (!parsed.ok || parsed.ref.kind !== 'connector') continue;
    const usage: ConnectorStepUsage = {
      operation: 'action',
      id: step.id,
      pointer,
      uses: step.uses,
      package: parsed.ref.package,
      connector: parsed.ref.connector,
      action: parsed.ref.action,
      range: parsed.ref.range,
      inputs: inputFields(step.with, pointerJoin(pointer, 'with')),
      outputs: [],
    };
    steps.push(usage);
    byId.set(step.id, [...(byId.get(step.id) ?? []), usage]);
  }
  // A polling trigger's events become the run's inputs, which expressions read freely: all of it counts.
  const trigger = (workflow as { trigger?: unknown }).trigger;
  if (trigger && typeof trigger === 'object' && 'uses' in trigger && typeof trigger.uses === 'string') {
    const parsed = parseUses(trigger.uses, BUILTIN_NAMES);
    if (parsed.ok && parsed.ref.kind === 'connector') {
      steps.push({
        operation: 'trigger',
        id: 'trigger',
        pointer: '/trigger',
        uses: trigger.uses,
        package: parsed.ref.package,
        connector: parsed.ref.connector,
        action: parsed.ref.action,
        range: parsed.ref.range,
        inputs: inputFields((trigger as { with?: unknown }).with, '/trigger/with'),
        outputs: 'any',
      });
    }
  }
  const readAll = (targets: Iterable<ConnectorStepUsage>) => {
    for (const target of targets) target.outputs = 'any';
  };
  const record = (id: string, read: OutputRead) => {
    for (const target of byId.get(id) ?? []) {
      if (target.outputs !== 'any') target.outputs.push(read);
    }
  };
  visitStrings(workflow, '', (text, pointer) => {
    if (!isTemplate(text)) return;
    const scan = scanTemplate(text);
    if (!scan.ok) return;
    for (const part of scan.parts) {
      if (!('expression' in part)) continue;
      let ast: unknown;
      try {
        ast = loadJsonata()(part.expression, EXPRESSION_OPTIONS).ast();
      } catch {
        continue; // validate reports it; an expression that does not parse reads nothing.
      }
      const source = part.expression;
      readsIn(ast, (read) => {
        if (read.kind === 'none') return;
        if (read.kind === 'unknown') readAll(steps);
        else if (read.kind === 'step') readAll(byId.get(read.id) ?? []);
        else {
          record(read.id, {
            path: read.names.map((n) => n.name),
            pointer,
            spans: read.names.map((n) => shift(tokenSpan(source, n), part.offset)),
          });
        }
      });
    }
  });
  // Without `output`, the run returns the last top-level step's output: whoever runs it reads all.
  if (workflow.output === undefined) {
    const last = workflow.steps.length - 1;
    const lastPointer = pointerJoin('/steps', last);
    readAll(steps.filter((s) => s.pointer === lastPointer || s.pointer.startsWith(`${lastPointer}/`)));
  }
  return steps;
}

function inputFields(value: unknown, pointer: string): InputField[] | 'any' {
  if (value === undefined) return [];
  if (typeof value === 'string') return isTemplate(value) ? 'any' : [];
  const fields: InputField[] = [];
  const walk = (object: Record<string, unknown>, at: string[], where: string) => {
    for (const [key, item] of Object.entries(object)) {
      const path = [...at, key];
      const itemPointer = pointerJoin(where, key);
      const literal = item !== null && typeof item === 'object' && !Array.isArray(item);
      const opaque = Array.isArray(item) || (typeof item === 'string' && isTemplate(item));
      fields.push({ path, opaque, pointer: itemPointer });
      if (literal) walk(item as Record<string, unknown>, path, itemPointer);
    }
  };
  if (value !== null && typeof value === 'object' && !Array.isArray(value)) {
    walk(value as Record<string, unknown>, [], pointer);
  }
  return fields;
}

function visitStrings(value: unknown, pointer: string, visit: (text: string, pointer: string) => void): void {
  if (typeof value === 'string') visit(value, pointer);
  else if (Array.isArray(value)) {
    for (const [i, item] of value.entries()) visitStrings(item, pointerJoin(pointer, i), visit);
  } else if (value && typeof value === 'object') {
    for (const [key, item] of Object.entries(value)) visitStrings(item, pointerJoin(pointer, key), visit);
  }
}

type Read =
  | { kind: 'unknown' }
  | { kind: 'none' }
  | { kind: 'step'; id: string }
  | { kind: 'fields'; id: string; names: { name: string; position: number }[] };

/** Every read of `steps…` in a JSONata syntax tree. */
function readsIn(ast: unknown, found: (read: Read) => void): void {
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as AstNode;
    const isStepsRoot = (x: AstNode | undefined) =>
      x !== undefined && (x.type === 'name' || x.type === 'variable') && x.value === 'steps';
    if (n.type === 'path' && Array.isArray(n.steps) && isStepsRoot(n.steps[0])) {
      found(readPath(n.steps));
      // Filters and arguments inside the path may read other steps.
      for (const step of n.steps) for (const [key, item] of Object.entries(step)) if (key !== 'value') visit(item);
      return;
    }
    // `steps` anywhere else (`$lookup(steps, x)`, `$steps` alone) may read any step.
    if (isStepsRoot(n)) {
      found({ kind: 'unknown' });
      return;
    }
    for (const value of Object.values(n)) visit(value);
  };
  visit(ast);
}

function plainName(node: AstNode | undefined): node is AstNode & { value: string; position: number } {
  return node?.type === 'name' && typeof node.value === 'string' && typeof node.position === 'number';
}

function readPath(path: AstNode[]): Read {
  const [root, id, field, ...rest] = path;
  if (!plainName(id) || STOP_FLAGS.some((flag) => root && flag in root)) return { kind: 'unknown' };
  if (STOP_FLAGS.some((flag) => flag in id)) return { kind: 'step', id: id.value };
  if (field === undefined) return { kind: 'step', id: id.value };
  if (!plainName(field)) return { kind: 'step', id: id.value };
  if (field.value !== 'output') return { kind: 'none' }; // `steps.x.status` reads no output
  if (STOP_FLAGS.some((flag) => flag in field)) return { kind: 'fields', id: id.value, names: [] };
  const names: { name: string; position: number }[] = [];
  for (const step of rest) {
    if (!plainName(step)) break;
    names.push({ name: step.value, position: step.position });
    if (STOP_FLAGS.some((flag) => flag in step)) break;
  }
  return { kind: 'fields', id: id.value, names };
}

/** Where a name token sits in the expression: JSONata gives the offset just after it. */
function tokenSpan(source: string, token: { name: string; position: number }): [number, number] {
  const end = token.position;
  const start = end - token.name.length;
  if (source.slice(start, end) === token.name) return [start, end];
  return [end - token.name.length - 2, end]; // a `quoted name`
}

function shift([start, end]: [number, number], by: number): [number, number] {
  return [start + by, end + by];
}
