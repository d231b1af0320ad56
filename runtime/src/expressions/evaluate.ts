import { StepError } from '../errors.js';
import { pointerJoin } from '../json-pointer.js';
import { scopeFor } from './bounded.js';
import { type CompiledExpression, type CompiledTemplate, EXPRESSION_OPTIONS, jsonataError } from './compile.js';
import { MISS } from './direct.js';
import { ExpressionPool, ExpressionWorkerError } from './worker-pool.js';

const MiB = 1024 * 1024;

/**
 * Bounds of one expression evaluation: what runs in a worker is killed at `hardTimeoutMs` (past
 * JSONata's own 1 s, which stops loops between steps) or when its heap passes `memoryMb`; any
 * result larger than `maxResultBytes` as JSON is refused, in a worker or not.
 */
export const EXPRESSION_LIMITS = {
  hardTimeoutMs: EXPRESSION_OPTIONS.timeout + 500,
  memoryMb: 128,
  maxResultBytes: 16 * MiB,
  maxWorkers: 2,
};

// One pool for the process: its workers start on first use and never keep the process alive.
const pool = new ExpressionPool({ jsonata: EXPRESSION_OPTIONS, ...EXPRESSION_LIMITS });

/**
 * What expressions see: `inputs`, `steps`, `env` and the loop or catch variables, both as fields of
 * the root (`inputs.repo`) and as variables (`$inputs.repo`), since a path inside a filter such as
 * `list[name = $inputs.name]` is read relative to the list item, not the root.
 */
export type ExpressionScope = Readonly<Record<string, unknown>>;

/**
 * Evaluates a value from the workflow file: every string that holds a template is replaced by its
 * result, the rest is kept. A template that is exactly one expression keeps the result's type; an
 * object key whose expression gives nothing is left out.
 */
export async function evaluateValue(
  value: unknown,
  pointer: string,
  templates: ReadonlyMap<string, CompiledTemplate>,
  scope: ExpressionScope,
): Promise<unknown> {
  if (typeof value === 'string') {
    const template = templates.get(pointer);
    return template ? evaluateTemplate(template, pointer, scope) : value;
  }
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const [i, item] of value.entries()) {
      out.push((await evaluateValue(item, pointerJoin(pointer, i), templates, scope)) ?? null);
    }
    return out;
  }
  if (value && typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const result = await evaluateValue(item, pointerJoin(pointer, key), templates, scope);
      if (result !== undefined) out[key] = result;
    }
    return out;
  }
  return value;
}

export async function evaluateTemplate(
  template: CompiledTemplate,
  pointer: string,
  scope: ExpressionScope,
): Promise<unknown> {
  if (template.kind === 'whole') return evaluateExpression(template.expression, pointer, scope);
  let text = '';
  for (const part of template.parts) {
    text += typeof part === 'string' ? part : asText(await evaluateExpression(part, pointer, scope));
  }
  return text;
}

/** Truthiness as JSONata's `$boolean` defines it: empty strings, arrays and objects and 0 are false. */
export function isTruthy(value: unknown): boolean {
  if (value === undefined || value === null) return false;
  if (typeof value === 'boolean') return value;
  if (typeof value === 'number') return value !== 0;
  if (typeof value === 'string') return value.length > 0;
  if (Array.isArray(value)) return value.some(isTruthy);
  if (typeof value === 'object') return Object.keys(value).length > 0;
  return false;
}

async function evaluateExpression(expression: CompiledExpression, pointer: string, scope: ExpressionScope) {
  const fail = (message: string, hint: string, cause?: unknown) =>
    new StepError({ kind: 'expression', message: `{{${expression.source}}} ${message}`, pointer, hint }, { cause });
  if (!expression.bounded) {
    try {
      return await pool.evaluate(expression.source, scopeFor(expression.ast, scope));
    } catch (error) {
      if (!(error instanceof ExpressionWorkerError)) throw error;
      const { failure } = error;
      if (failure.kind === 'function') throw fail('gives a function, not a value', FUNCTION_HINT);
      if (failure.kind === 'too-large') throw fail(TOO_LARGE, TOO_LARGE_HINT);
      if (failure.kind === 'killed') {
        throw fail(
          `was stopped: ${failure.message}`,
          'An expression may take 1 s and 128 MiB; do heavy work (big lists, long texts, complex regular expressions) in a connector step.',
          error,
        );
      }
      throw fail(`failed${failure.code ? ` (${failure.code})` : ''}: ${failure.message}`, ERROR_HINT, error);
    }
  }
  let result = expression.direct ? expression.direct(scope) : MISS;
  // Numbers, booleans and null read directly are JSON already; strings and objects still go
  // through the size and shape checks below.
  if (result === null || result === undefined || typeof result === 'number' || typeof result === 'boolean') {
    return result;
  }
  if (result === MISS) {
    try {
      result = await expression.evaluate(scope, scope);
    } catch (error) {
      const { message, code } = jsonataError(error);
      throw fail(`failed${code ? ` (${code})` : ''}: ${message}`, ERROR_HINT, error);
    }
  }
  const budget = { left: EXPRESSION_LIMITS.maxResultBytes };
  const json = toJson(result, budget);
  if (budget.left < 0) throw fail(TOO_LARGE, TOO_LARGE_HINT);
  if (json === FUNCTION) throw fail('gives a function, not a value', FUNCTION_HINT);
  return json;
}

const ERROR_HINT = 'Check the expression and the data it reads; steps.<id>.output holds what each step returned.';
const FUNCTION_HINT = 'Call the function, e.g. $f(x) rather than $f.';
const TOO_LARGE = `gives a value larger than ${EXPRESSION_LIMITS.maxResultBytes / MiB} MiB`;
const TOO_LARGE_HINT = 'Pick the fields you need, e.g. steps.<id>.output.items.id rather than the whole output.';
const FUNCTION = Symbol('function');

/**
 * JSONata returns sequences and null-prototype objects; steps and the run store get plain JSON.
 * Stops (leaving `budget.left` below zero) once the value is larger than the budget as JSON text,
 * and gives FUNCTION when a function is found.
 */
function toJson(value: unknown, budget: { left: number }): unknown {
  if (budget.left < 0) return undefined;
  if (value === undefined || value === null) return value;
  if (typeof value === 'function') return FUNCTION;
  if (typeof value === 'string') {
    budget.left -= value.length + 2;
    return value;
  }
  budget.left -= 8;
  if (Array.isArray(value)) {
    const out: unknown[] = [];
    for (const item of value) {
      const json = toJson(item, budget);
      if (json === FUNCTION) return FUNCTION;
      if (budget.left < 0) return undefined;
      out.push(json ?? null);
    }
    return out;
  }
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      budget.left -= key.length + 4;
      const json = toJson(item, budget);
      if (json === FUNCTION) return FUNCTION;
      if (budget.left < 0) return undefined;
      if (json !== undefined) out[key] = json;
    }
    return out;
  }
  return value;
}

function asText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'object') return JSON.stringify(value);
  return String(value);
}
