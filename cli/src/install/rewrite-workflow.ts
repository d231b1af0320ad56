import type { ConnectorStepUsage } from '@mova/runtime/workflow-tools';
import type { ManifestChange } from '@mova/sdk';
import { applyEdits, type Edit, type Node, parseTree } from 'jsonc-parser';
import { placeOf, type StepBreak } from './usage-breaks.js';

/** One piece of a JSON string value to replace: offsets in the decoded value. */
interface Splice {
  start: number;
  end: number;
  text: string;
}

/**
 * Applies the renames a new version declares to a workflow file's text: action keys in `uses`,
 * keys in `with`, and output field paths inside `{{ }}` expressions. Edits touch only the key or
 * string they change, so comments-free JSON keeps its layout, indentation and key order.
 * Returns the new text and how many places changed.
 */
export function rewriteWorkflow(
  text: string,
  steps: readonly ConnectorStepUsage[],
  breaks: readonly StepBreak[],
): { text: string; rewritten: number } {
  const root = parseTree(text);
  if (!root) return { text, rewritten: 0 };
  const keyEdits = new Map<number, Edit>();
  const splices = new Map<string, Splice[]>();
  const splice = (pointer: string, piece: Splice) => {
    const list = splices.get(pointer) ?? [];
    if (!list.some((s) => s.start === piece.start)) list.push(piece);
    splices.set(pointer, list);
  };
  for (const broken of breaks) {
    const step = steps.find((s) => s.pointer === broken.pointer);
    if (!step) continue;
    for (const change of broken.rewrites) plan(change, step, root, keyEdits, splice);
  }
  const edits: Edit[] = [...keyEdits.values()];
  for (const [pointer, pieces] of splices) {
    const node = nodeAt(root, pointer);
    if (node?.type !== 'string' || typeof node.value !== 'string') continue;
    let value = node.value;
    for (const piece of [...pieces].sort((a, b) => b.start - a.start)) {
      value = value.slice(0, piece.start) + piece.text + value.slice(piece.end);
    }
    edits.push({ offset: node.offset, length: node.length, content: JSON.stringify(value) });
  }
  return { text: applyEdits(text, edits), rewritten: edits.length };
}

function plan(
  change: ManifestChange,
  step: ConnectorStepUsage,
  root: Node,
  keyEdits: Map<number, Edit>,
  splice: (pointer: string, piece: Splice) => void,
): void {
  const rename = change.rename;
  if (!rename) return;
  const place = placeOf(change);
  if (place.scope === 'operation') {
    const at = step.uses.lastIndexOf(`/${rename.from}@`);
    if (at >= 0) splice(`${step.pointer}/uses`, { start: at + 1, end: at + 1 + rename.from.length, text: rename.to });
    return;
  }
  if (place.scope !== 'field') return;
  const from = rename.from.split('.');
  const to = rename.to.split('.');
  if (place.flow === 'input') {
    if (step.inputs === 'any') return;
    const newName = to.at(-1) ?? '';
    for (const field of step.inputs) {
      if (field.path.length !== from.length || !from.every((name, i) => field.path[i] === name)) continue;
      const key = nodeAt(root, field.pointer)?.parent?.children?.[0];
      if (key) keyEdits.set(key.offset, { offset: key.offset, length: key.length, content: JSON.stringify(newName) });
    }
    return;
  }
  if (step.outputs === 'any') return;
  for (const read of step.outputs) {
    if (read.pointer === undefined || read.path.length < from.length) continue;
    if (!from.every((name, i) => read.path[i] === name)) continue;
    const first = read.spans[0];
    const last = read.spans[from.length - 1];
    if (!first || !last) continue;
    splice(read.pointer, { start: first[0], end: last[1], text: to.map(nameToken).join('.') });
  }
}

/** A field name as JSONata reads it: bare when it is an identifier, else in backquotes. */
function nameToken(name: string): string {
  return /^[A-Za-z_$][A-Za-z0-9_$]*$/.test(name) ? name : `\`${name}\``;
}

/** The node at a JSON pointer (RFC 6901) in a jsonc-parser tree. */
function nodeAt(root: Node, pointer: string): Node | undefined {
  let node: Node | undefined = root;
  for (const raw of pointer.split('/').slice(1)) {
    const token = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    if (!node) return undefined;
    if (node.type === 'array') node = node.children?.[Number(token)];
    else if (node.type === 'object') {
      const property: Node | undefined = node.children?.find((p) => p.children?.[0]?.value === token);
      node = property?.children?.[1];
    } else return undefined;
  }
  return node;
}
