/**
 * A synchronous evaluator for the commonest expressions, `inputs.repo`, `steps.a.output.n > 0`,
 * `steps.a.output.n + 1`: field paths through plain objects, number and string literals, and
 * arithmetic or comparison of two numbers (or comparison of two strings). JSONata's evaluator is
 * asynchronous and allocates per node, which made these trivial templates a tenth of a run's
 * main-thread time. Whenever a value is not of the simple kinds above (an array on the way, a
 * missing operand, a non-finite result...), the evaluator answers MISS and JSONata runs the
 * expression as before, so results never differ.
 */

export const MISS: unique symbol = Symbol('miss');

export type DirectEvaluator = (scope: Readonly<Record<string, unknown>>) => unknown;

interface Node {
  type?: unknown;
  value?: unknown;
  steps?: unknown;
  lhs?: unknown;
  rhs?: unknown;
  [key: string]: unknown;
}

const ARITHMETIC: Record<string, (a: number, b: number) => number> = {
  '+': (a, b) => a + b,
  '-': (a, b) => a - b,
  '*': (a, b) => a * b,
  '/': (a, b) => a / b,
  '%': (a, b) => a % b,
};

const COMPARISON: Record<string, (a: number | string, b: number | string) => boolean> = {
  '<': (a, b) => a < b,
  '<=': (a, b) => a <= b,
  '>': (a, b) => a > b,
  '>=': (a, b) => a >= b,
  '=': (a, b) => a === b,
  '!=': (a, b) => a !== b,
};

/** Keys a node may carry and still be read directly (anything else: a filter, a sort, a focus…). */
const PLAIN_KEYS = new Set(['type', 'value', 'position', 'steps', 'lhs', 'rhs']);

/** The direct evaluator of an expression's syntax tree, or undefined when only JSONata can run it. */
export function directEvaluator(ast: unknown): DirectEvaluator | undefined {
  const node = ast as Node;
  if (!node || typeof node !== 'object' || Object.keys(node).some((key) => !PLAIN_KEYS.has(key))) return undefined;
  if (node.type === 'number' && typeof node.value === 'number') {
    const value = node.value;
    return () => value;
  }
  if (node.type === 'string' && typeof node.value === 'string') {
    const value = node.value;
    return () => value;
  }
  if (node.type === 'path') return pathEvaluator(node.steps);
  if (node.type === 'binary' && typeof node.value === 'string') {
    const lhs = directEvaluator(node.lhs);
    const rhs = directEvaluator(node.rhs);
    if (!lhs || !rhs) return undefined;
    const arithmetic = ARITHMETIC[node.value];
    if (arithmetic) {
      return (scope) => {
        const a = lhs(scope);
        const b = rhs(scope);
        if (typeof a !== 'number' || typeof b !== 'number') return MISS;
        const result = arithmetic(a, b);
        return Number.isFinite(result) ? result : MISS;
      };
    }
    const comparison = COMPARISON[node.value];
    if (comparison) {
      return (scope) => {
        const a = lhs(scope);
        const b = rhs(scope);
        if ((typeof a === 'number' && typeof b === 'number') || (typeof a === 'string' && typeof b === 'string')) {
          return comparison(a, b);
        }
        return MISS;
      };
    }
  }
  return undefined;
}

/** `a.b.c`: plain field names, read through plain objects only (JSONata maps over arrays). */
function pathEvaluator(steps: unknown): DirectEvaluator | undefined {
  if (!Array.isArray(steps) || steps.length === 0) return undefined;
  const names: string[] = [];
  for (const step of steps as Node[]) {
    if (step?.type !== 'name' || typeof step.value !== 'string') return undefined;
    if (Object.keys(step).some((key) => key !== 'type' && key !== 'value' && key !== 'position')) return undefined;
    names.push(step.value);
  }
  return (scope) => {
    let at: unknown = scope;
    for (const name of names) {
      if (!isPlainObject(at)) return MISS;
      if (!Object.hasOwn(at, name)) return at === scope ? MISS : undefined;
      at = at[name];
      if (at === undefined) return MISS;
    }
    // A list at the end, or anything that is neither JSON scalar nor plain object: JSONata decides.
    if (at === null || typeof at === 'string' || typeof at === 'boolean') return at;
    if (typeof at === 'number') return Number.isFinite(at) ? at : MISS;
    return isPlainObject(at) ? at : MISS;
  };
}

function isPlainObject(value: unknown): value is Record<string, unknown> {
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return false;
  const proto = Object.getPrototypeOf(value);
  return proto === Object.prototype || proto === null;
}
