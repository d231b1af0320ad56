import type { JsonSchema } from '../schema.js';
import { type ChangeKind, canonical, diffSchemas, escapePointer, type ManifestChange } from './schema-diff.js';
import type { Manifest, ManifestAction, ManifestAuth, ManifestTrigger } from './types.js';

export type { ChangeKind, ManifestChange };

/** The semver bump a set of changes needs. */
export type Bump = 'major' | 'minor' | 'patch';

export interface ManifestDiff {
  /** `major` if anything breaks, else `minor` if anything was added, else `patch`. */
  bump: Bump;
  /** Breaking changes first, then features, then fixes; in manifest order within each. */
  changes: ManifestChange[];
}

const RANK: Record<ChangeKind, number> = { breaking: 0, feature: 1, fix: 2 };

/**
 * Compares two versions of a connector's manifest and says which semver bump the difference needs:
 * for workflows that call it, what breaks (a removed action, a new required or a removed input
 * field, a narrowed input type or enum, a removed, retyped or newly optional output field, another
 * auth kind or a new required connection field), what is new (an action or trigger, an optional
 * input, an output field, a widened enum), and what only reads differently (titles, descriptions,
 * examples). Nested object schemas are walked (`properties`, `required`, `items`, unions), so each
 * change carries a JSON pointer to where it is. Actions and triggers are addressed by key, not by
 * index (`/actions/issues.create/input/properties/labels`), so a pointer names the same place in
 * both versions even when the order changed.
 * @example
 * const { bump, changes } = diffManifests(published, built);
 * if (bump === 'major') for (const c of changes) console.log(`${c.pointer}: ${c.message}`);
 */
export function diffManifests(previous: Manifest, next: Manifest): ManifestDiff {
  const changes: ManifestChange[] = [];
  const add = (kind: ChangeKind, pointer: string, message: string) => changes.push({ kind, pointer, message });
  if (previous.name !== next.name) {
    add('breaking', '/name', `the connector name changed from "${previous.name}" to "${next.name}"`);
  }
  if (previous.package !== next.package) {
    add('breaking', '/package', `the package changed from "${previous.package}" to "${next.package}"`);
  }
  for (const key of ['title', 'description', 'icon'] as const) {
    if (previous[key] !== next[key]) add('fix', `/${key}`, `the connector's ${key} changed`);
  }
  compareList('/categories', 'category', previous.categories, next.categories, 'fix', 'fix', add);
  compareList('/network/allow', 'network host', previous.network.allow, next.network.allow, 'feature', 'fix', add);
  compareList(
    '/network/connectionHosts',
    'connection host field',
    previous.network.connectionHosts ?? [],
    next.network.connectionHosts ?? [],
    'feature',
    'fix',
    add,
  );
  compareList(
    '/fs/connectionPaths',
    'connection file field',
    previous.fs?.connectionPaths ?? [],
    next.fs?.connectionPaths ?? [],
    'feature',
    'fix',
    add,
  );
  compareList(
    '/fs/siblingSuffixes',
    'file sibling suffix',
    previous.fs?.siblingSuffixes ?? [],
    next.fs?.siblingSuffixes ?? [],
    'feature',
    'fix',
    add,
  );
  compareAuth(previous.auth, next.auth, changes);
  compareOperations('action', '/actions', previous.actions, next.actions, changes);
  compareOperations('trigger', '/triggers', previous.triggers, next.triggers, changes);
  changes.sort((a, b) => RANK[a.kind] - RANK[b.kind]);
  return { bump: bumpFor(changes), changes };
}

/** The bump a list of changes needs: any breaking change makes a major, any feature a minor. */
export function bumpFor(changes: readonly ManifestChange[]): Bump {
  if (changes.some((change) => change.kind === 'breaking')) return 'major';
  if (changes.some((change) => change.kind === 'feature')) return 'minor';
  return 'patch';
}

function compareList(
  pointer: string,
  noun: string,
  before: readonly string[],
  after: readonly string[],
  onAdded: ChangeKind,
  onRemoved: ChangeKind,
  add: (kind: ChangeKind, pointer: string, message: string) => void,
): void {
  const added = after.filter((item) => !before.includes(item));
  const removed = before.filter((item) => !after.includes(item));
  if (added.length > 0) add(onAdded, pointer, `new ${noun}${added.length > 1 ? 's' : ''}: ${added.join(', ')}`);
  if (removed.length > 0) {
    add(onRemoved, pointer, `${noun}${removed.length > 1 ? 's' : ''} removed: ${removed.join(', ')}`);
  }
}

function compareAuth(previous: ManifestAuth, next: ManifestAuth, changes: ManifestChange[]): void {
  const add = (kind: ChangeKind, pointer: string, message: string) => changes.push({ kind, pointer, message });
  if (previous.kind !== next.kind) {
    add(
      'breaking',
      '/auth/kind',
      `the connection kind changed from ${previous.kind} to ${next.kind}: every saved connection must be made again`,
    );
    return;
  }
  diffSchemas(
    previous.schema,
    next.schema,
    { flow: 'input', owner: '', noun: 'connection', pointer: '/auth/schema', field: '' },
    changes,
  );
  for (const key of ['in', 'name', 'prefix', 'tokenUrl', 'authorizationUrl'] as const) {
    if (previous[key] !== next[key]) {
      add('fix', `/auth/${key}`, `auth ${key} changed from ${previous[key] ?? 'none'} to ${next[key] ?? 'none'}`);
    }
  }
  // A token granted for the old scopes lacks a new one: connections must be authorized again.
  compareList('/auth/scopes', 'OAuth scope', previous.scopes ?? [], next.scopes ?? [], 'breaking', 'fix', add);
  compareList('/auth/flows', 'OAuth flow', previous.flows ?? [], next.flows ?? [], 'feature', 'breaking', add);
  if (previous.validate !== next.validate) {
    add(
      next.validate ? 'feature' : 'fix',
      '/auth/validate',
      next.validate ? 'connections can now be tested' : 'connections can no longer be tested',
    );
  }
}

function compareOperations(
  noun: 'action' | 'trigger',
  base: string,
  previous: readonly (ManifestAction | ManifestTrigger)[],
  next: readonly (ManifestAction | ManifestTrigger)[],
  changes: ManifestChange[],
): void {
  const before = new Map(previous.map((operation) => [operation.key, operation]));
  const after = new Map(next.map((operation) => [operation.key, operation]));
  // Old key → the operation that declares it was renamed from it.
  const renamedTo = new Map<string, ManifestAction>();
  for (const operation of next) {
    for (const old of operation.renamedFrom ?? []) if (!after.has(old)) renamedTo.set(old, operation);
  }
  const paired = new Set<string>();
  for (const [key, old] of before) {
    const successor = after.has(key) ? undefined : renamedTo.get(key);
    if (successor && !before.has(successor.key)) {
      paired.add(successor.key);
      const at = `${base}/${escapePointer(key)}`;
      changes.push({
        kind: 'breaking',
        pointer: at,
        message: `${noun} ${key} was renamed to ${successor.key}`,
        rename: { from: key, to: successor.key },
      });
      compareOperation(`${noun} ${key}`, at, old, successor, changes);
      continue;
    }
    if (!after.has(key)) {
      changes.push({
        kind: 'breaking',
        pointer: `${base}/${escapePointer(key)}`,
        message: `${noun} ${key} was removed`,
      });
      continue;
    }
    const current = after.get(key);
    if (current) compareOperation(`${noun} ${key}`, `${base}/${escapePointer(key)}`, old, current, changes);
  }
  for (const key of after.keys()) {
    if (!before.has(key) && !paired.has(key)) {
      changes.push({ kind: 'feature', pointer: `${base}/${escapePointer(key)}`, message: `new ${noun} ${key}` });
    }
  }
}

function compareOperation(
  owner: string,
  pointer: string,
  previous: ManifestAction | ManifestTrigger,
  next: ManifestAction | ManifestTrigger,
  changes: ManifestChange[],
): void {
  const add = (kind: ChangeKind, at: string, message: string) => changes.push({ kind, pointer: at, message });
  const previousKind = 'kind' in previous ? previous.kind : undefined;
  const nextKind = 'kind' in next ? next.kind : undefined;
  if (previousKind !== nextKind) {
    add('breaking', `${pointer}/kind`, `${owner}: changed from a ${previousKind} to a ${nextKind} trigger`);
  }
  for (const key of ['title', 'description'] as const) {
    if (previous[key] !== next[key]) add('fix', `${pointer}/${key}`, `${owner}: ${key} changed`);
  }
  if (canonical(previous.examples) !== canonical(next.examples)) {
    add('fix', `${pointer}/examples`, `${owner}: examples changed`);
  }
  if ('dedupe' in previous || 'dedupe' in next) {
    const before = 'dedupe' in previous ? previous.dedupe : undefined;
    const after = 'dedupe' in next ? next.dedupe : undefined;
    if (canonical(before) !== canonical(after)) add('fix', `${pointer}/dedupe`, `${owner}: deduplication changed`);
  }
  for (const flow of ['input', 'output'] as const) {
    // A declared rename moves the old field to its new name first, so only real changes remain.
    let schema = previous[flow];
    for (const rename of next.renamed?.[flow] ?? []) {
      const moved = renameField(schema, next[flow], rename.from, rename.to);
      if (!moved) continue;
      schema = moved.schema;
      changes.push({
        kind: 'breaking',
        pointer: `${pointer}/${flow}${moved.pointer}`,
        message: `${owner}: ${flow} field "${rename.from}" was renamed to "${rename.to}"`,
        rename: { from: rename.from, to: rename.to },
      });
    }
    diffSchemas(schema, next[flow], { flow, owner, noun: flow, pointer: `${pointer}/${flow}`, field: '' }, changes);
  }
}

/** The object schema a dotted path's last name sits in (through array `items`), and the pointer walked to it. */
function parentOf(schema: unknown, names: string[]): { node: Record<string, unknown>; pointer: string } | undefined {
  let node = schema;
  let pointer = '';
  for (const name of names) {
    while (isObject(node) && !isObject(node.properties) && isObject(node.items)) {
      node = node.items;
      pointer += '/items';
    }
    const properties = isObject(node) ? node.properties : undefined;
    if (!isObject(properties) || !(name in properties)) return undefined;
    node = properties[name];
    pointer += `/properties/${escapePointer(name)}`;
  }
  while (isObject(node) && !isObject(node.properties) && isObject(node.items)) {
    node = node.items;
    pointer += '/items';
  }
  return isObject(node) ? { node, pointer } : undefined;
}

/**
 * The previous schema with field `from` moved to `to`, when the previous version has `from` and
 * the next has `to` and no longer `from`; undefined when the rename does not apply between them.
 */
function renameField(
  previous: unknown,
  next: unknown,
  from: string,
  to: string,
): { schema: JsonSchema; pointer: string } | undefined {
  const source = from.split('.');
  const target = to.split('.');
  const oldName = source.pop() ?? '';
  const newName = target.pop() ?? '';
  if (source.join('.') !== target.join('.')) return undefined; // only the last name may change
  const copy = structuredClone(previous) as JsonSchema;
  const inPrevious = parentOf(copy, source);
  const inNext = parentOf(next, target);
  const nextProperties = inNext?.node.properties;
  const properties = inPrevious?.node.properties;
  if (!inPrevious || !isObject(properties) || !(oldName in properties) || !isObject(nextProperties)) return undefined;
  if (!(newName in nextProperties) || oldName in nextProperties || newName in properties) return undefined;
  const renamed = Object.fromEntries(Object.entries(properties).map(([k, v]) => [k === oldName ? newName : k, v]));
  inPrevious.node.properties = renamed;
  if (Array.isArray(inPrevious.node.required)) {
    inPrevious.node.required = inPrevious.node.required.map((k) => (k === oldName ? newName : k));
  }
  return { schema: copy, pointer: `${inPrevious.pointer}/properties/${escapePointer(oldName)}` };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
