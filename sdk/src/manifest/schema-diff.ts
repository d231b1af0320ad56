import type { JsonSchema } from '../schema.js';

/** What a change means for the people who depend on a connector: it decides the semver bump. */
export type ChangeKind = 'breaking' | 'feature' | 'fix';

/** One difference between two manifests, located by a JSON pointer (see {@link diffManifests}). */
export interface ManifestChange {
  kind: ChangeKind;
  pointer: string;
  message: string;
  /**
   * The field the change is about, when `pointer` names a keyword of its parent object instead
   * (a change in `required`): the pointer the field has under `properties`.
   */
  field?: string;
  /** The change asks workflows to send a field (a new required input field, an input field now required). */
  requires?: true;
  /**
   * A rename the new version declares (an action key, or a field's dotted path): workflows that
   * use `from` break, and `upgrade --write` rewrites them to `to`.
   */
  rename?: { from: string; to: string };
}

/**
 * Where a schema sits. `flow` decides which direction is safe: workflows send `input` (accepting
 * less breaks them), connectors return `output` (returning something new breaks the readers).
 */
export interface SchemaPlace {
  flow: 'input' | 'output';
  /** Who the schema belongs to, e.g. `action issues.create`; empty for the connection. */
  owner: string;
  /** What its fields are called: `input`, `output`, `connection`. */
  noun: string;
  pointer: string;
  /** The field as people write it (`user.login`, `labels[]`); empty at the root. */
  field: string;
}

type Kind = 'array' | 'boolean' | 'integer' | 'null' | 'number' | 'object' | 'string';
/** The JSON types a schema admits; `any` when it says nothing about types. */
type Kinds = ReadonlySet<Kind> | 'any';

const ANNOTATIONS = new Set([
  'title',
  'description',
  'examples',
  'default',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  '$schema',
  '$id',
  'contentMediaType',
  'contentEncoding',
]);
const LOWER_BOUNDS = ['minLength', 'minItems', 'minProperties', 'minimum', 'exclusiveMinimum', 'minContains'];
const UPPER_BOUNDS = ['maxLength', 'maxItems', 'maxProperties', 'maximum', 'exclusiveMaximum', 'maxContains'];
const EXACT = ['pattern', 'format', 'multipleOf'];
const STRUCTURE = new Set([
  'type',
  'enum',
  'const',
  'anyOf',
  'oneOf',
  'properties',
  'required',
  'additionalProperties',
  'patternProperties',
  'items',
  'uniqueItems',
  ...LOWER_BOUNDS,
  ...UPPER_BOUNDS,
  ...EXACT,
]);

/** RFC 6901: `~` and `/` inside one reference token. */
export function escapePointer(token: string): string {
  return token.replace(/~/g, '~0').replace(/\//g, '~1');
}

/** JSON with sorted keys, so equal values compare equal whatever order their keys were written in. */
export function canonical(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonical).join(',')}]`;
  if (isObject(value)) {
    const keys = Object.keys(value).sort();
    return `{${keys.map((key) => `${JSON.stringify(key)}:${canonical(value[key])}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'undefined';
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Boolean schemas: `true` admits anything, `false` nothing (an enumeration of no values). */
function asSchema(value: unknown): JsonSchema {
  if (value === false) return { enum: [] };
  return isObject(value) ? value : {};
}

function unionKey(schema: JsonSchema): 'anyOf' | 'oneOf' | undefined {
  if (Array.isArray(schema.anyOf)) return 'anyOf';
  if (Array.isArray(schema.oneOf)) return 'oneOf';
  return undefined;
}

function branchesOf(schema: JsonSchema): JsonSchema[] {
  const key = unionKey(schema);
  return key ? (schema[key] as unknown[]).map(asSchema) : [schema];
}

/** The finite set of values a schema admits (`const`, `enum`, or a union of those), if it is one. */
function enumeration(schema: JsonSchema): unknown[] | undefined {
  if ('const' in schema) return [schema.const];
  if (Array.isArray(schema.enum)) return schema.enum;
  if (!unionKey(schema)) return undefined;
  const values: unknown[] = [];
  for (const branch of branchesOf(schema)) {
    const own = enumeration(branch);
    if (!own) return undefined;
    values.push(...own);
  }
  return values;
}

function kindOfValue(value: unknown): Kind {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  if (typeof value === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (typeof value === 'string') return 'string';
  if (typeof value === 'boolean') return 'boolean';
  return 'object';
}

function kindsOf(schema: JsonSchema): Kinds {
  if (typeof schema.type === 'string') return new Set([schema.type as Kind]);
  if (Array.isArray(schema.type)) return new Set(schema.type as Kind[]);
  const values = enumeration(schema);
  if (values) return new Set(values.map(kindOfValue));
  if (!unionKey(schema)) return 'any';
  const kinds = new Set<Kind>();
  for (const branch of branchesOf(schema)) {
    const own = kindsOf(branch);
    if (own === 'any') return 'any';
    for (const kind of own) kinds.add(kind);
  }
  return kinds;
}

function covers(kinds: Kinds, kind: Kind): boolean {
  return kinds === 'any' || kinds.has(kind) || (kind === 'integer' && kinds.has('number'));
}

/** Whether values of this kind can reach the schema's keywords for that kind (true when untyped). */
function mayBe(schema: JsonSchema, kind: Kind): boolean {
  const kinds = kindsOf(schema);
  return kinds === 'any' || kinds.has(kind);
}

function withoutAnnotations(schema: JsonSchema): JsonSchema {
  return Object.fromEntries(Object.entries(schema).filter(([key]) => !ANNOTATIONS.has(key)));
}

function subject(place: SchemaPlace): string {
  return place.field ? `${place.noun} field "${place.field}"` : `the ${place.noun}`;
}

function prefix(place: SchemaPlace): string {
  return place.owner ? `${place.owner}: ` : '';
}

/** How messages name the place: `action issues.create: input field "labels"`. */
function label(place: SchemaPlace): string {
  return `${prefix(place)}${subject(place)}`;
}

function join(field: string, name: string): string {
  return field ? `${field}.${name}` : name;
}

function show(values: unknown[], max = 5): string {
  const shown = values.slice(0, max).map((value) => JSON.stringify(value));
  return values.length > max ? `${shown.join(', ')} and ${values.length - max} more` : shown.join(', ');
}

function showKinds(kinds: Kinds | Kind[]): string {
  return kinds === 'any' ? 'any type' : [...kinds].join(' or ');
}

class Changes {
  constructor(readonly list: ManifestChange[]) {}

  add(
    kind: ChangeKind,
    pointer: string,
    message: string,
    extra: Pick<ManifestChange, 'field' | 'requires'> = {},
  ): void {
    this.list.push({ kind, pointer, message, ...extra });
  }

  /** The schema admits fewer values: workflows sending them break; readers of an output lose nothing. */
  narrowed(place: SchemaPlace, pointer: string, message: string): void {
    this.add(place.flow === 'input' ? 'breaking' : 'fix', pointer, message);
  }

  /** The schema admits more values: new possibilities for inputs, surprises for readers of an output. */
  widened(place: SchemaPlace, pointer: string, message: string): void {
    this.add(place.flow === 'input' ? 'feature' : 'breaking', pointer, message);
  }
}

/**
 * Compares two versions of one JSON Schema and records each difference with what it means for the
 * schema's `flow`. Unions are paired branch by branch when each branch has a type of its own;
 * keywords it cannot reason about count as breaking when they change.
 */
export function diffSchemas(previous: unknown, next: unknown, place: SchemaPlace, out: ManifestChange[]): void {
  compare(asSchema(previous), asSchema(next), place, new Changes(out));
}

function compare(prev: JsonSchema, next: JsonSchema, place: SchemaPlace, changes: Changes): void {
  compareAnnotations(prev, next, place, changes);
  const prevValues = enumeration(prev);
  const nextValues = enumeration(next);
  if (prevValues || nextValues) {
    compareValues(prev, next, prevValues, nextValues, place, changes);
    return;
  }
  if (unionKey(prev) || unionKey(next)) {
    compareUnions(prev, next, place, changes);
    return;
  }
  compareKinds(kindsOf(prev), kindsOf(next), place, changes);
  compareConstraints(prev, next, place, changes);
  if (mayBe(prev, 'object') && mayBe(next, 'object')) compareObjects(prev, next, place, changes);
  // An untyped schema may be an array, but without `items` on either side there is nothing to walk.
  if (mayBe(prev, 'array') && mayBe(next, 'array') && (prev.items !== undefined || next.items !== undefined)) {
    compare(
      asSchema(prev.items),
      asSchema(next.items),
      { ...place, pointer: `${place.pointer}/items`, field: `${place.field}[]` },
      changes,
    );
  }
  compareUnknownKeywords(prev, next, place, changes);
}

function compareAnnotations(prev: JsonSchema, next: JsonSchema, place: SchemaPlace, changes: Changes): void {
  const at = (key: string) => `${place.pointer}/${key}`;
  for (const key of ['title', 'description', 'examples']) {
    if (canonical(prev[key]) !== canonical(next[key])) {
      changes.add('fix', at(key), `${label(place)}: ${key} changed`);
    }
  }
  if (canonical(prev.default) !== canonical(next.default)) {
    const from = prev.default === undefined ? 'none' : JSON.stringify(prev.default);
    const to = next.default === undefined ? 'none' : JSON.stringify(next.default);
    changes.add('fix', at('default'), `${label(place)}: default changed from ${from} to ${to}`);
  }
  for (const [key, on, off] of [
    ['deprecated', 'is now deprecated', 'is no longer deprecated'],
    ['writeOnly', 'is now secret (writeOnly)', 'is no longer secret (writeOnly)'],
    ['readOnly', 'is now readOnly', 'is no longer readOnly'],
  ] as const) {
    if (Boolean(prev[key]) !== Boolean(next[key])) {
      changes.add('fix', at(key), `${label(place)} ${next[key] ? on : off}`);
    }
  }
}

function compareValues(
  prev: JsonSchema,
  next: JsonSchema,
  prevValues: unknown[] | undefined,
  nextValues: unknown[] | undefined,
  place: SchemaPlace,
  changes: Changes,
): void {
  const what = label(place);
  if (prevValues && nextValues) {
    const before = new Set(prevValues.map(canonical));
    const after = new Set(nextValues.map(canonical));
    const removed = prevValues.filter((value) => !after.has(canonical(value)));
    const added = nextValues.filter((value) => !before.has(canonical(value)));
    if (removed.length > 0) {
      changes.narrowed(
        place,
        place.pointer,
        place.flow === 'input' ? `${what} no longer accepts ${show(removed)}` : `${what} is never ${show(removed)} now`,
      );
    }
    // A new value an output may take is how vendors grow their enums; the runtime validates outputs,
    // so refusing it a minor release would break every workflow still on the old one.
    if (added.length > 0) {
      changes.add(
        'feature',
        place.pointer,
        place.flow === 'input' ? `${what} now also accepts ${show(added)}` : `${what} may now also be ${show(added)}`,
      );
    }
    return;
  }
  if (prevValues) {
    const kinds = kindsOf(next);
    if (!prevValues.every((value) => covers(kinds, kindOfValue(value)))) {
      changes.add('breaking', place.pointer, `${what} changed from one of ${show(prevValues)} to ${showKinds(kinds)}`);
      return;
    }
    changes.widened(
      place,
      place.pointer,
      place.flow === 'input'
        ? `${what} now accepts any ${showKinds(kinds)}, not only ${show(prevValues)}`
        : `${what} may now be any ${showKinds(kinds)}, not only ${show(prevValues)}`,
    );
    return;
  }
  const values = nextValues ?? [];
  const kinds = kindsOf(prev);
  if (!values.every((value) => covers(kinds, kindOfValue(value)))) {
    changes.add('breaking', place.pointer, `${what} changed from ${showKinds(kinds)} to one of ${show(values)}`);
    return;
  }
  changes.narrowed(
    place,
    place.pointer,
    place.flow === 'input'
      ? `${what} now only accepts ${show(values)}`
      : `${what} is now always one of ${show(values)}`,
  );
}

/** Pairs union branches by their one type each; `undefined` when some branch has several or none. */
function branchesByKind(schema: JsonSchema): Map<Kind, { branch: JsonSchema; index: number }> | undefined {
  const byKind = new Map<Kind, { branch: JsonSchema; index: number }>();
  const union = Boolean(unionKey(schema));
  for (const [index, branch] of branchesOf(schema).entries()) {
    const kinds = kindsOf(branch);
    if (kinds === 'any' || kinds.size !== 1) return undefined;
    const [kind] = [...kinds] as [Kind];
    if (byKind.has(kind)) return undefined;
    // A plain schema is its own only branch; its annotations were compared already.
    byKind.set(kind, { branch: union ? branch : withoutAnnotations(branch), index });
  }
  return byKind;
}

function compareUnions(prev: JsonSchema, next: JsonSchema, place: SchemaPlace, changes: Changes): void {
  const before = branchesByKind(prev);
  const after = branchesByKind(next);
  if (!before || !after) {
    if (canonical(withoutAnnotations(prev)) !== canonical(withoutAnnotations(next))) {
      changes.add(
        'breaking',
        place.pointer,
        `${label(place)} changed in a way that cannot be compared (alternatives that share a type), so it counts as breaking`,
      );
    }
    return;
  }
  compareKinds(new Set(before.keys()), new Set(after.keys()), place, changes);
  const key = unionKey(next);
  for (const [kind, { branch, index }] of after) {
    const old = before.get(kind);
    if (!old) continue;
    const pointer = key ? `${place.pointer}/${key}/${index}` : place.pointer;
    compare(old.branch, branch, { ...place, pointer }, changes);
  }
}

function compareKinds(prev: Kinds, next: Kinds, place: SchemaPlace, changes: Changes): void {
  const what = label(place);
  const at = `${place.pointer}/type`;
  if (prev === 'any' && next === 'any') return;
  if (prev === 'any' || next === 'any') {
    if (prev === 'any') {
      changes.narrowed(
        place,
        at,
        place.flow === 'input'
          ? `${what} now only accepts ${showKinds(next)}`
          : `${what} is now always ${showKinds(next)}`,
      );
    } else {
      changes.widened(
        place,
        at,
        place.flow === 'input' ? `${what} now accepts any type` : `${what} may now be of any type`,
      );
    }
    return;
  }
  const removed = [...prev].filter((kind) => !covers(next, kind));
  const added = [...next].filter((kind) => !covers(prev, kind));
  if (removed.length > 0 && added.length > 0) {
    changes.add('breaking', at, `${what} changed type from ${showKinds([...prev])} to ${showKinds([...next])}`);
  } else if (removed.length > 0) {
    changes.narrowed(
      place,
      at,
      place.flow === 'input'
        ? `${what} no longer accepts ${showKinds(removed)}`
        : `${what} is never ${showKinds(removed)} now`,
    );
  } else if (added.length > 0) {
    changes.widened(
      place,
      at,
      place.flow === 'input'
        ? `${what} now also accepts ${showKinds(added)}`
        : `${what} may now be ${showKinds(added)}`,
    );
  }
}

type Tightness = 'tighter' | 'looser' | 'changed';

function tightness(key: string, before: unknown, after: unknown): Tightness {
  if (before === undefined) return 'tighter';
  if (after === undefined) return 'looser';
  if (typeof before !== 'number' || typeof after !== 'number') return 'changed';
  if (LOWER_BOUNDS.includes(key)) return after > before ? 'tighter' : 'looser';
  if (UPPER_BOUNDS.includes(key)) return after < before ? 'tighter' : 'looser';
  return 'changed';
}

function compareConstraints(prev: JsonSchema, next: JsonSchema, place: SchemaPlace, changes: Changes): void {
  const what = label(place);
  for (const key of [...LOWER_BOUNDS, ...UPPER_BOUNDS, ...EXACT, 'uniqueItems']) {
    const before = key === 'uniqueItems' ? prev[key] || undefined : prev[key];
    const after = key === 'uniqueItems' ? next[key] || undefined : next[key];
    if (canonical(before) === canonical(after)) continue;
    const at = `${place.pointer}/${key}`;
    const message =
      after === undefined
        ? `${what} no longer has ${key} ${JSON.stringify(before)}`
        : `${what} now has ${key} ${JSON.stringify(after)}${before === undefined ? '' : ` (was ${JSON.stringify(before)})`}`;
    const how = tightness(key, before, after);
    if (how === 'changed') changes.add('breaking', at, message);
    else if (how === 'tighter') changes.narrowed(place, at, message);
    else changes.widened(place, at, message);
  }
}

function requiredOf(schema: JsonSchema): Set<string> {
  return new Set(Array.isArray(schema.required) ? schema.required.filter((n) => typeof n === 'string') : []);
}

function compareObjects(prev: JsonSchema, next: JsonSchema, place: SchemaPlace, changes: Changes): void {
  const before = isObject(prev.properties) ? prev.properties : {};
  const after = isObject(next.properties) ? next.properties : {};
  const requiredBefore = requiredOf(prev);
  const requiredAfter = requiredOf(next);
  const names = new Set([...Object.keys(after), ...Object.keys(before), ...requiredAfter, ...requiredBefore]);
  const input = place.flow === 'input';
  for (const name of names) {
    const child: SchemaPlace = {
      ...place,
      pointer: `${place.pointer}/properties/${escapePointer(name)}`,
      field: join(place.field, name),
    };
    const what = label(child);
    const was = name in before || requiredBefore.has(name);
    const is = name in after || requiredAfter.has(name);
    const wasRequired = requiredBefore.has(name);
    const isRequired = requiredAfter.has(name);
    if (was && !is) {
      changes.add('breaking', child.pointer, `${what} was removed`);
      continue;
    }
    if (!was && is) {
      const kind = input && isRequired ? 'breaking' : 'feature';
      const adjective = input ? (isRequired ? 'required ' : 'optional ') : '';
      const extra = input && isRequired ? { requires: true as const } : {};
      changes.add(kind, child.pointer, `${prefix(child)}new ${adjective}${subject(child)}`, extra);
      continue;
    }
    if (wasRequired !== isRequired) {
      const at = `${place.pointer}/required`;
      const field = { field: child.pointer };
      if (input) {
        const how = isRequired ? 'required' : 'optional';
        changes.add(isRequired ? 'breaking' : 'feature', at, `${what} is now ${how}`, {
          ...field,
          ...(isRequired ? { requires: true as const } : {}),
        });
      } else if (isRequired) changes.add('fix', at, `${what} is now always present`, field);
      else changes.add('breaking', at, `${what} is now optional (it may be missing)`, field);
    }
    if (name in before && name in after) compare(asSchema(before[name]), asSchema(after[name]), child, changes);
  }
  comparePatterns(prev, next, place, changes);
  compareAdditional(prev.additionalProperties, next.additionalProperties, place, changes);
}

/** `patternProperties`, as TypeBox writes a `Record`: values under the same pattern compare as fields. */
function comparePatterns(prev: JsonSchema, next: JsonSchema, place: SchemaPlace, changes: Changes): void {
  const before = isObject(prev.patternProperties) ? prev.patternProperties : {};
  const after = isObject(next.patternProperties) ? next.patternProperties : {};
  for (const pattern of new Set([...Object.keys(after), ...Object.keys(before)])) {
    const pointer = `${place.pointer}/patternProperties/${escapePointer(pattern)}`;
    if (pattern in before && pattern in after) {
      compare(
        asSchema(before[pattern]),
        asSchema(after[pattern]),
        { ...place, pointer, field: join(place.field, '*') },
        changes,
      );
    } else {
      const how = pattern in after ? 'now has' : 'no longer has';
      changes.add('breaking', pointer, `${label(place)} ${how} fields named by the pattern ${JSON.stringify(pattern)}`);
    }
  }
}

function compareAdditional(before: unknown, after: unknown, place: SchemaPlace, changes: Changes): void {
  if (isObject(before) && isObject(after)) {
    compare(
      before,
      after,
      { ...place, pointer: `${place.pointer}/additionalProperties`, field: join(place.field, '*') },
      changes,
    );
    return;
  }
  // Readers of an output look at the fields they know; only senders feel a closed object.
  if (place.flow !== 'input' || (before === false) === (after === false)) return;
  const at = `${place.pointer}/additionalProperties`;
  if (after === false) changes.add('breaking', at, `${label(place)} no longer accepts fields it does not list`);
  else changes.add('feature', at, `${label(place)} now accepts fields it does not list`);
}

function compareUnknownKeywords(prev: JsonSchema, next: JsonSchema, place: SchemaPlace, changes: Changes): void {
  const keys = new Set([...Object.keys(prev), ...Object.keys(next)]);
  for (const key of keys) {
    if (STRUCTURE.has(key) || ANNOTATIONS.has(key)) continue;
    if (canonical(prev[key]) === canonical(next[key])) continue;
    changes.add(
      'breaking',
      `${place.pointer}/${escapePointer(key)}`,
      `${label(place)}: "${key}" changed, and whether that is compatible cannot be told, so it counts as breaking`,
    );
  }
}
