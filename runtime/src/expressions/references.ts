/** What an expression reads from the context, found in its JSONata syntax tree. */
export interface ExpressionRefs {
  /** `steps.<id>` paths, with the field read after the id when there is one (`output`, `status`). */
  steps: { id: string; field?: string }[];
  /** `env.<NAME>` paths. */
  env: string[];
}

interface AstNode {
  type?: string;
  value?: unknown;
  steps?: AstNode[];
  [key: string]: unknown;
}

/** Walks a JSONata AST and collects every `steps.X` and `env.X` path (also `$steps.X`, `$env.X`). */
export function collectRefs(ast: unknown): ExpressionRefs {
  const refs: ExpressionRefs = { steps: [], env: [] };
  const visit = (node: unknown) => {
    if (Array.isArray(node)) {
      for (const item of node) visit(item);
      return;
    }
    if (!node || typeof node !== 'object') return;
    const n = node as AstNode;
    if (n.type === 'path' && Array.isArray(n.steps)) readPath(n.steps, refs);
    for (const value of Object.values(n)) visit(value);
  };
  visit(ast);
  return refs;
}

function readPath(path: AstNode[], refs: ExpressionRefs) {
  const [root, second, third] = path;
  if (!root || (root.type !== 'name' && root.type !== 'variable')) return;
  // A computed step (`steps[$i]`, `$lookup(steps, x)`) cannot be checked before the run.
  if (second?.type !== 'name' || typeof second.value !== 'string') return;
  if (root.value === 'steps') {
    const field = third?.type === 'name' && typeof third.value === 'string' ? third.value : undefined;
    refs.steps.push(field === undefined ? { id: second.value } : { id: second.value, field });
  } else if (root.value === 'env') {
    refs.env.push(second.value);
  }
}
