import type jsonata from 'jsonata';
import type { WorkflowIssue } from '../errors.js';
import { pointerJoin } from '../json-pointer.js';
import { lazyRequire } from '../lazy-require.js';
import { placeSteps } from '../workflow/steps.js';
import type { Workflow } from '../workflow/types.js';
import { isBounded } from './bounded.js';
import { type DirectEvaluator, directEvaluator } from './direct.js';
import { collectRefs, type ExpressionRefs } from './references.js';
import { isTemplate, isWholeExpression, scanTemplate } from './template.js';

/**
 * jsonata, loaded at the first expression compiled: its one large file costs a start ~50 ms of CPU,
 * and a workflow of literal values never needs it.
 */
export const loadJsonata = lazyRequire<typeof jsonata>('jsonata');

/**
 * JSONata's own guardrails, checked between its evaluation steps: a runaway loop stops, and no
 * list grows past a million items. A single built-in call is not covered: expressions that could
 * make one run long run in a worker that is killed instead (see bounded.ts).
 */
export const EXPRESSION_OPTIONS = { timeout: 1000, stack: 500, sequence: 1_000_000 };

export interface CompiledExpression {
  source: string;
  evaluate: jsonata.Expression['evaluate'];
  refs: ExpressionRefs;
  ast: jsonata.ExprNode;
  /** It can run on the runtime's own thread: each step costs at most the size of the data it reads. */
  bounded: boolean;
  /** A synchronous evaluator for the simplest expressions; it answers MISS when JSONata must decide. */
  direct?: DirectEvaluator;
}

/** A string with expressions: `whole` keeps the value's type, `text` joins the parts into a string. */
export type CompiledTemplate =
  | { kind: 'whole'; expression: CompiledExpression }
  | { kind: 'text'; parts: (string | CompiledExpression)[] };

/** Where a template sits and whose step it belongs to, for the reference checks. */
export interface TemplateSite {
  pointer: string;
  /** Pointer of the step whose field holds it; undefined for the workflow's `output`. */
  step?: string;
  /** A while condition also sees the loop body's steps (from the previous iteration). */
  field: 'while' | 'other';
  template: CompiledTemplate;
}

export interface CompiledWorkflow {
  templates: ReadonlyMap<string, CompiledTemplate>;
  sites: TemplateSite[];
  issues: WorkflowIssue[];
}

const cache = new WeakMap<Workflow, CompiledWorkflow>();

/**
 * Compiles every `{{ }}` expression of a workflow once; the result is cached by the workflow object,
 * so validation and every later run share the compiled expressions.
 */
export function compileWorkflow(workflow: Workflow): CompiledWorkflow {
  const cached = cache.get(workflow);
  if (cached) return cached;
  const templates = new Map<string, CompiledTemplate>();
  const sites: TemplateSite[] = [];
  const issues: WorkflowIssue[] = [];
  const add = (
    pointer: string,
    text: string,
    step: string | undefined,
    field: TemplateSite['field'],
    whole: boolean,
  ) => {
    const compiled = compileTemplate(text, pointer, issues);
    if (!compiled) return;
    if (whole && compiled.kind !== 'whole') {
      issues.push({
        pointer,
        message: 'must be exactly one {{ }} expression, with no text around it',
        hint: 'Write the whole value as one expression, e.g. "{{ inputs.count > 3 }}".',
      });
      return;
    }
    templates.set(pointer, compiled);
    sites.push({ pointer, step, field, template: compiled });
  };
  const addTree = (value: unknown, pointer: string, step: string | undefined) => {
    if (typeof value === 'string') {
      if (isTemplate(value)) add(pointer, value, step, 'other', false);
    } else if (Array.isArray(value)) {
      for (const [i, item] of value.entries()) addTree(item, pointerJoin(pointer, i), step);
    } else if (value && typeof value === 'object') {
      for (const [key, item] of Object.entries(value)) addTree(item, pointerJoin(pointer, key), step);
    }
  };
  const addWhole = (value: unknown, pointer: string, step: string, field: TemplateSite['field'] = 'other') => {
    if (typeof value === 'string' && isTemplate(value)) add(pointer, value, step, field, true);
  };

  for (const { step, pointer } of placeSteps(workflow.steps)) {
    addWhole(step.if, pointerJoin(pointer, 'if'), pointer);
    if ('uses' in step) addTree(step.with, pointerJoin(pointer, 'with'), pointer);
    if ('set' in step) addTree(step.set, pointerJoin(pointer, 'set'), pointer);
    if ('repeat' in step) {
      const loop = step.repeat;
      if ('for_each' in loop) {
        const at = pointerJoin(pointer, 'repeat', 'for_each');
        if (typeof loop.for_each === 'string') addWhole(loop.for_each, at, pointer);
        else addTree(loop.for_each, at, pointer);
      } else {
        addWhole(loop.while, pointerJoin(pointer, 'repeat', 'while'), pointer, 'while');
      }
    }
    if ('wait' in step) addTree(step.wait.duration, pointerJoin(pointer, 'wait', 'duration'), pointer);
    if ('fail' in step) addTree(step.fail.message, pointerJoin(pointer, 'fail', 'message'), pointer);
    if ('approval' in step) addTree(step.approval.message, pointerJoin(pointer, 'approval', 'message'), pointer);
  }
  addTree(workflow.output, '/output', undefined);

  const compiled = { templates, sites, issues };
  cache.set(workflow, compiled);
  return compiled;
}

function compileTemplate(text: string, pointer: string, issues: WorkflowIssue[]): CompiledTemplate | undefined {
  const scan = scanTemplate(text);
  if (!scan.ok) {
    issues.push({ pointer, message: scan.message, hint: scan.hint });
    return undefined;
  }
  const parts: (string | CompiledExpression)[] = [];
  for (const part of scan.parts) {
    if ('text' in part) {
      parts.push(part.text);
      continue;
    }
    try {
      const expression = loadJsonata()(part.expression, EXPRESSION_OPTIONS);
      const ast = expression.ast();
      const compiled: CompiledExpression = {
        source: part.expression,
        evaluate: expression.evaluate.bind(expression),
        refs: collectRefs(ast),
        ast,
        bounded: isBounded(ast),
      };
      const direct = directEvaluator(ast);
      if (direct) compiled.direct = direct;
      parts.push(compiled);
    } catch (error) {
      const { message, position } = jsonataError(error);
      const at = position === undefined ? '' : ` at character ${part.offset + position}`;
      issues.push({
        pointer,
        message: `has an invalid expression${at}: ${message}`,
        hint: 'Fix the JSONata expression (https://docs.jsonata.org); strings inside it take double or single quotes.',
      });
      return undefined;
    }
  }
  if (isWholeExpression(scan.parts)) {
    const only = parts[0];
    if (only !== undefined && typeof only !== 'string') return { kind: 'whole', expression: only };
  }
  return { kind: 'text', parts };
}

/** JSONata throws plain objects with `code`, `message` and `position`. */
export function jsonataError(error: unknown): { message: string; code?: string; position?: number } {
  if (error && typeof error === 'object') {
    const e = error as { message?: unknown; code?: unknown; position?: unknown };
    return {
      message: typeof e.message === 'string' ? e.message : String(error),
      code: typeof e.code === 'string' ? e.code : undefined,
      position: typeof e.position === 'number' ? e.position : undefined,
    };
  }
  return { message: String(error) };
}
