/**
 * The subset of Airtable's formula language the reference server evaluates for `filterByFormula`
 * (support.airtable.com "Formula field reference"): AND, OR, NOT, IS_AFTER, IS_BEFORE, CREATED_TIME(),
 * {Field} references, string and number literals, and = != > < >= <=. Anything else is refused the way
 * Airtable refuses a formula it cannot parse (422 INVALID_FILTER_BY_FORMULA).
 */
export interface FormulaRow {
  createdTime: string;
  fields: Record<string, unknown>;
}

type Node = (row: FormulaRow) => unknown;

export class FormulaError extends Error {}

export function compileFormula(source: string): Node {
  const tokens =
    source.match(/\{[^}]*\}|'(?:[^'\\]|\\.)*'|"(?:[^"\\]|\\.)*"|!=|>=|<=|[=<>(),]|[A-Z_]+|-?\d+(?:\.\d+)?|\S/g) ?? [];
  let at = 0;
  const peek = () => tokens[at];
  const take = (expected?: string) => {
    const token = tokens[at++];
    if (token === undefined || (expected !== undefined && token !== expected)) {
      throw new FormulaError(`expected ${expected ?? 'a value'} at token ${at}`);
    }
    return token;
  };

  function comparison(): Node {
    const left = operand();
    const op = peek();
    if (op && ['=', '!=', '>', '<', '>=', '<='].includes(op)) {
      take();
      const right = operand();
      return (row) => compare(left(row), op, right(row));
    }
    return left;
  }

  function operand(): Node {
    const token = take();
    if (token.startsWith('{')) {
      const name = token.slice(1, -1);
      return (row) => row.fields[name] ?? '';
    }
    if (token.startsWith("'") || token.startsWith('"')) {
      const text = token.slice(1, -1);
      return () => text;
    }
    if (/^-?\d/.test(token)) {
      const n = Number(token);
      return () => n;
    }
    if (/^[A-Z_]+$/.test(token)) return call(token);
    throw new FormulaError(`unexpected ${token}`);
  }

  function call(name: string): Node {
    take('(');
    const args: Node[] = [];
    if (peek() !== ')') {
      args.push(comparison());
      while (peek() === ',') {
        take(',');
        args.push(comparison());
      }
    }
    take(')');
    const time = (row: FormulaRow, i: number) => Date.parse(String(args[i]?.(row)));
    switch (name) {
      case 'AND':
        return (row) => args.every((a) => truthy(a(row)));
      case 'OR':
        return (row) => args.some((a) => truthy(a(row)));
      case 'NOT':
        return (row) => !truthy(args[0]?.(row));
      case 'CREATED_TIME':
        return (row) => row.createdTime;
      case 'IS_AFTER':
        return (row) => time(row, 0) > time(row, 1);
      case 'IS_BEFORE':
        return (row) => time(row, 0) < time(row, 1);
      default:
        throw new FormulaError(`unknown function ${name}`);
    }
  }

  const root = comparison();
  if (at !== tokens.length) throw new FormulaError(`unexpected ${tokens[at]}`);
  return root;
}

function truthy(value: unknown): boolean {
  return value !== '' && value !== 0 && value !== false && value !== null && value !== undefined;
}

function compare(a: unknown, op: string, b: unknown): boolean {
  const numeric = typeof a === 'number' || typeof b === 'number';
  const x = numeric ? Number(a) : String(a);
  const y = numeric ? Number(b) : String(b);
  switch (op) {
    case '=':
      return x === y;
    case '!=':
      return x !== y;
    case '>':
      return x > y;
    case '<':
      return x < y;
    case '>=':
      return x >= y;
    default:
      return x <= y;
  }
}
