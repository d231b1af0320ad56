import { StepError } from '../errors.js';
import { pointerJoin } from '../json-pointer.js';
import { type CompiledExpression, type CompiledTemplate, jsonataError } from './compile.js';

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
  let result: unknown;
  try {
    result = await expression.evaluate(scope, scope);
  } catch (error) {
    const { message, code } = jsonataError(error);
    throw new StepError(
      {
        kind: 'expression',
        message: `{{${expression.source}}} failed${code ? ` (${code})` : ''}: ${message}`,
        pointer,
        hint: 'Check the expression and the data it reads; steps.<id>.output holds what each step returned.',
      },
      { cause: error },
    );
  }
  return toJson(result, expression, pointer);
}

/** JSONata returns sequences and null-prototype objects; steps and the run store get plain JSON. */
function toJson(value: unknown, expression: CompiledExpression, pointer: string): unknown {
  if (value === undefined || value === null) return value;
  if (typeof value === 'function') {
    throw new StepError({
      kind: 'expression',
      message: `{{${expression.source}}} gives a function, not a value`,
      pointer,
      hint: 'Call the function, e.g. $f(x) rather than $f.',
    });
  }
  if (Array.isArray(value)) return value.map((item) => toJson(item, expression, pointer) ?? null);
  if (typeof value === 'object') {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) {
      const json = toJson(item, expression, pointer);
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
