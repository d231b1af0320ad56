import { invalidInput } from './errors.js';

/**
 * One step of a select path. The supported subset of XPath, and nothing else:
 * - `name` or `*`: child elements of that name (names as written, with their namespace prefix) or of any name;
 * - `[n]`: the n-th of them under each parent, counted from 0 (XPath counts from 1); `[-1]` is the last;
 * - `[@attr="value"]` (or single quotes): those whose attribute has that value;
 * - `@attr` (last step only): the attribute's value;
 * - `text()` (last step only): the element's own text.
 */
export type Step =
  | { kind: 'element'; name: string; filters: Filter[] }
  | { kind: 'attribute'; name: string }
  | { kind: 'text' };

export type Filter = { kind: 'index'; index: number } | { kind: 'attribute'; name: string; value: string };

const NAME = String.raw`[^\s/\[\]@='"()]+`;
const ELEMENT = new RegExp(`^(${NAME}|\\*)((?:\\[[^\\]]*\\])*)$`);
const FILTER = /\[([^\]]*)\]/g;
const INDEX = /^-?\d+$/;
const ATTRIBUTE_FILTER = new RegExp(`^@(${NAME})\\s*=\\s*(?:"([^"]*)"|'([^']*)')$`);
const ATTRIBUTE = new RegExp(`^@(${NAME})$`);

/**
 * Reads a path such as `catalog/book[0]/title`, `/catalog/book[@id="2"]/@lang` or `feed/*[1]`.
 * @example compilePath('a/b[0]/@id') // [{ kind: 'element', name: 'a', filters: [] }, ..., { kind: 'attribute', name: 'id' }]
 */
export function compilePath(path: string, actionKey?: string): Step[] {
  const fail = (why: string) =>
    invalidInput(
      `the path "${path}" ${why}`,
      actionKey,
      'Paths are element names from the root separated by "/", with [n] (0-based) or [@attr="value"] filters, ending optionally in @attr or text(), e.g. catalog/book[0]/@id.',
    );
  const trimmed = path.trim();
  if (trimmed.includes('//'))
    throw fail('uses "//" (any depth), which is not supported: write every step from the root');
  const parts = trimmed.replace(/^\//, '').split('/');
  if (parts.length === 0 || parts.some((part) => part === '')) throw fail('has an empty step');
  return parts.map((part, i): Step => {
    const last = i === parts.length - 1;
    if (part === 'text()') {
      if (!last) throw fail('has text() before its last step');
      return { kind: 'text' };
    }
    const attribute = ATTRIBUTE.exec(part);
    if (attribute?.[1] !== undefined) {
      if (!last) throw fail(`has the attribute step "${part}" before its last step`);
      return { kind: 'attribute', name: attribute[1] };
    }
    const element = ELEMENT.exec(part);
    if (!element?.[1]) throw fail(`has a step "${part}" that is not an element name, *, @attribute or text()`);
    const filters = [...(element[2] ?? '').matchAll(FILTER)].map(([, body = '']): Filter => {
      const text = body.trim();
      if (INDEX.test(text)) return { kind: 'index', index: Number(text) };
      const match = ATTRIBUTE_FILTER.exec(text);
      if (match?.[1] !== undefined) return { kind: 'attribute', name: match[1], value: match[2] ?? match[3] ?? '' };
      throw fail(`has a filter "[${body}]" that is neither an index nor [@attr="value"]`);
    });
    return { kind: 'element', name: element[1], filters };
  });
}

/** How parsed XML names attributes and text (see the parse options). */
export interface Keys {
  attributePrefix: string;
  textKey: string;
}

type Node = unknown;

/**
 * Runs a compiled path on a document parsed with every element as an array, and returns the
 * matches in document order within each parent, shaped like the parse action's output.
 */
export function selectNodes(document: Record<string, unknown>, steps: Step[], keys: Keys): unknown[] {
  let current: Node[] = [document];
  for (const step of steps) {
    const next: Node[] = [];
    for (const node of current) {
      if (!isObject(node)) {
        // An element holding only text is parsed as that text.
        if (step.kind === 'text') next.push(node);
        continue;
      }
      if (step.kind === 'attribute') {
        const value = node[keys.attributePrefix + step.name];
        if (value !== undefined) next.push(value);
      } else if (step.kind === 'text') {
        const text = node[keys.textKey];
        if (text !== undefined) next.push(text);
      } else {
        next.push(...applyFilters(childrenOf(node, step.name, keys), step.filters, keys));
      }
    }
    current = next;
  }
  return current.map((node) => simplify(node, keys));
}

function childrenOf(node: Record<string, unknown>, name: string, keys: Keys): Node[] {
  if (name !== '*') return asArray(node[name]);
  return Object.entries(node)
    .filter(([key]) => key !== keys.textKey && !key.startsWith(keys.attributePrefix))
    .flatMap(([, value]) => asArray(value));
}

function applyFilters(children: Node[], filters: Filter[], keys: Keys): Node[] {
  let matched = children;
  for (const filter of filters) {
    if (filter.kind === 'index') {
      const at = filter.index < 0 ? matched.length + filter.index : filter.index;
      const picked = matched[at];
      matched = picked === undefined ? [] : [picked];
    } else {
      matched = matched.filter(
        (child) => isObject(child) && String(child[keys.attributePrefix + filter.name]) === filter.value,
      );
    }
  }
  return matched;
}

/** A node of the all-arrays parse in the shape a plain parse gives: single elements unwrapped. */
function simplify(node: Node, keys: Keys): unknown {
  if (!isObject(node)) return node;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(node)) {
    if (Array.isArray(value))
      out[key] = value.length === 1 ? simplify(value[0], keys) : value.map((v) => simplify(v, keys));
    else out[key] = value;
  }
  return out;
}

function asArray(value: unknown): Node[] {
  if (value === undefined) return [];
  return Array.isArray(value) ? value : [value];
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
