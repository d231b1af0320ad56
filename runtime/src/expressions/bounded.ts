/**
 * Which expressions may run on the runtime's own thread. JSONata checks its time limit only
 * between evaluation steps, so one built-in call (`$pad("", 1e8)`, a backtracking regex, `$sort`
 * or `$distinct` over a big list) runs to its end however long it takes, and may fill the heap.
 * An expression made only of what is listed here cannot: every result is a part of the data it
 * reads, or a scalar, so each step costs at most the size of that data. Everything else runs in an
 * expression worker that is killed at its time and memory limits (see `worker-pool.ts`).
 */

interface AstNode {
  type?: string;
  value?: unknown;
  [key: string]: unknown;
}

// Built-ins whose result is a scalar or a part of their argument, in time linear in it.
const LINEAR_FUNCTIONS = new Set([
  'abs',
  'average',
  'boolean',
  'ceil',
  'contains',
  'count',
  'exists',
  'floor',
  'length',
  'lowercase',
  'max',
  'millis',
  'min',
  'not',
  'now',
  'number',
  'round',
  'string',
  'substring',
  'substringAfter',
  'substringBefore',
  'sum',
  'trim',
  'type',
  'uppercase',
]);

// `..` builds a list from numbers alone; `&` turns lists and objects into text (no amplification
// by itself, but no need for it here: text templates join their parts outside JSONata).
const UNBOUNDED_OPERATORS = new Set(['..', '&']);

// Keys a node of an allowed type may carry; anything else (focus `@`, index `#`, grouping, tuples,
// a sort step...) sends the expression to a worker.
const NODE_KEYS = new Set([
  'type',
  'value',
  'position',
  'steps',
  'stages',
  'expr',
  'lhs',
  'rhs',
  'arguments',
  'procedure',
  'condition',
  'then',
  'else',
  'expression',
  'keepArray',
  'keepSingletonArray',
  // A function call's own name, for messages.
  'name',
]);

/** True when the expression's syntax tree only holds lookups, filters, scalar operators and linear built-ins. */
export function isBounded(ast: unknown): boolean {
  const node = ast as AstNode;
  if (!node || typeof node !== 'object') return false;
  if (Object.keys(node).some((key) => !NODE_KEYS.has(key))) return false;
  switch (node.type) {
    case 'string':
    case 'number':
    case 'value':
    case 'name':
      return true;
    case 'variable':
      // `$` and `$$` are the context and the root; others are scope variables or built-ins.
      return typeof node.value === 'string';
    case 'path':
      return Array.isArray(node.steps) && node.steps.every((step, i) => isPathStep(step, i));
    case 'binary':
      return !UNBOUNDED_OPERATORS.has(String(node.value)) && isBounded(node.lhs) && isBounded(node.rhs);
    case 'condition':
      return isBounded(node.condition) && isBounded(node.then) && (node.else === undefined || isBounded(node.else));
    case 'unary':
      return node.value === '-' && isBounded(node.expression);
    case 'function': {
      const procedure = node.procedure as AstNode | undefined;
      return (
        procedure?.type === 'variable' &&
        LINEAR_FUNCTIONS.has(String(procedure.value)) &&
        Array.isArray(node.arguments) &&
        node.arguments.every(isBounded)
      );
    }
    default:
      return false;
  }
}

/** A path step: a field name (or a variable first), optionally filtered by bounded predicates. */
function isPathStep(step: unknown, index: number): boolean {
  const node = step as AstNode;
  if (!node || typeof node !== 'object') return false;
  if (Object.keys(node).some((key) => !NODE_KEYS.has(key))) return false;
  const kindOk = node.type === 'name' || (index === 0 && node.type === 'variable' && typeof node.value === 'string');
  if (!kindOk) return false;
  const stages = node.stages;
  if (stages === undefined) return true;
  return (
    Array.isArray(stages) &&
    stages.every(
      (stage: AstNode) =>
        stage?.type === 'filter' && Object.keys(stage).every((k) => NODE_KEYS.has(k)) && isBounded(stage.expr),
    )
  );
}

/**
 * The part of the scope an expression can read, so a worker is sent only that: the roots it names
 * and, of `steps`, only the steps it names when it names each one directly (`steps.fetch.output`).
 * Anything it could reach by computing a name (`$lookup(steps, x)`, `steps.*`, `$$`) keeps the
 * whole root.
 */
export function scopeFor(ast: unknown, scope: Readonly<Record<string, unknown>>): Record<string, unknown> {
  const names = new Set<string>();
  const stepIds = new Set<string>();
  let allSteps = false;
  let everything = false;
  const visit = (value: unknown): void => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item);
      return;
    }
    if (!value || typeof value !== 'object') return;
    const node = value as AstNode;
    if ((node.type === 'name' || node.type === 'variable') && typeof node.value === 'string') {
      names.add(node.value);
      if (node.type === 'variable' && (node.value === '' || node.value === '$')) everything = true;
      if (node.value === 'steps') allSteps = true;
    }
    if (node.type === 'path' && Array.isArray(node.steps)) {
      const [first, second, ...rest] = node.steps as AstNode[];
      if ((first?.type === 'name' || first?.type === 'variable') && first.value === 'steps') {
        if (second?.type === 'name' && typeof second.value === 'string' && second.stages === undefined) {
          stepIds.add(second.value);
          names.add('steps');
          visit(second);
          visit(rest);
          return;
        }
      }
    }
    for (const child of Object.values(node)) visit(child);
  };
  visit(ast);
  if (everything) return { ...scope };
  const subset: Record<string, unknown> = {};
  for (const name of names) if (Object.hasOwn(scope, name) && name !== 'steps') subset[name] = scope[name];
  if (names.has('steps') && scope.steps && typeof scope.steps === 'object') {
    const steps = scope.steps as Record<string, unknown>;
    subset.steps = allSteps
      ? steps
      : Object.fromEntries([...stepIds].filter((id) => Object.hasOwn(steps, id)).map((id) => [id, steps[id]]));
  }
  return subset;
}
