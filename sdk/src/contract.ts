import { type Issue, MovaError, ValidationError } from './errors.js';
import type { Manifest, ManifestAction } from './manifest/types.js';
import type { JsonSchema } from './schema.js';
import { compileSchema } from './validator.js';

/**
 * The checks a host applies around every call into a connector version, compiled once per
 * manifest. The SDK's harness and the runtime use this same object, so a connector's tests prove
 * what the runtime will enforce.
 */
export interface ManifestContract {
  readonly manifest: Manifest;
  /** Checks and fills defaults into a copy of the connection; throws ValidationError at `/auth/...`. */
  checkAuth(auth: unknown): unknown;
  /** Checks and fills defaults into a copy of the input; throws ValidationError at `/input/...`. */
  checkInput(key: string, input: unknown): unknown;
  /** Checks what the connector returned; throws ValidationError at `/output/...`. */
  checkOutput(key: string, output: unknown): unknown;
}

export function contractFor(manifest: Manifest): ManifestContract {
  const label = `${manifest.package}@${manifest.version}`;
  const entries = new Map<string, ManifestAction>();
  for (const a of [...manifest.actions, ...manifest.triggers]) entries.set(a.key, a);
  const find = (key: string) => {
    const entry = entries.get(key);
    if (!entry) throw unknownKey(manifest, key);
    return entry;
  };
  // Each schema's checker is looked up once per contract, not once per call.
  const checkers = new Map<JsonSchema, (value: unknown) => Issue[]>();
  const check = (schema: JsonSchema, value: unknown, where: string, message: string, hint: string) => {
    const copy = value === undefined ? {} : copyValue(value);
    let checker = checkers.get(schema);
    if (!checker) {
      checker = compileSchema(schema);
      checkers.set(schema, checker);
    }
    const issues = checker(copy);
    if (issues.length > 0) throw new ValidationError(`${label}: ${message}`, prefixed(issues, where), hint);
    return copy;
  };
  return {
    manifest,
    checkAuth: (auth) =>
      check(manifest.auth.schema, auth, '/auth', 'the connection is invalid', 'Fix the connection fields named above.'),
    checkInput: (key, input) =>
      check(find(key).input, input, '/input', `invalid input for "${key}"`, 'Fix the input fields named above.'),
    checkOutput: (key, output) =>
      check(
        find(key).output,
        output,
        '/output',
        `"${key}" returned output that breaks its schema`,
        'This is a bug in the connector: its output schema and its code disagree.',
      ),
  };
}

const NOT_PLAIN = Symbol('not plain');
const MAX_PLAIN_DEPTH = 64;

/**
 * What structuredClone(value) gives, for the plain JSON-like values checks almost always see, at a
 * tenth of its cost; anything else (a Date, a Map, a class instance, a function, a cycle, a hole)
 * goes to structuredClone whole, so its result or its DataCloneError stays the same.
 */
function copyValue(value: unknown): unknown {
  const copy = plainCopy(value, 0);
  return copy === NOT_PLAIN ? structuredClone(value) : copy;
}

function plainCopy(value: unknown, depth: number): unknown {
  if (typeof value === 'function' || typeof value === 'symbol') return NOT_PLAIN;
  if (typeof value !== 'object' || value === null) return value;
  // Deeper than this is most likely a cycle, which structuredClone keeps.
  if (depth > MAX_PLAIN_DEPTH) return NOT_PLAIN;
  if (Array.isArray(value)) {
    const out: unknown[] = new Array(value.length);
    for (let i = 0; i < value.length; i++) {
      if (!(i in value)) return NOT_PLAIN;
      const item = plainCopy(value[i], depth + 1);
      if (item === NOT_PLAIN) return NOT_PLAIN;
      out[i] = item;
    }
    return out;
  }
  const proto = Object.getPrototypeOf(value);
  if (proto !== Object.prototype && proto !== null) return NOT_PLAIN;
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(value)) {
    // Assigned, "__proto__" would set the copy's prototype; structuredClone makes it an own field.
    if (key === '__proto__') return NOT_PLAIN;
    const item = plainCopy((value as Record<string, unknown>)[key], depth + 1);
    if (item === NOT_PLAIN) return NOT_PLAIN;
    out[key] = item;
  }
  return out;
}

function prefixed(issues: Issue[], prefix: string): Issue[] {
  return issues.map((i) => ({ ...i, pointer: prefix + i.pointer }));
}

/** The error for a key a connector version does not have, listing the keys it does have. */
export function unknownKey(manifest: Manifest, key: string): MovaError {
  const keys = [...manifest.actions, ...manifest.triggers].map((a) => a.key);
  return new MovaError(
    'E_UNKNOWN_ACTION',
    `${manifest.package}@${manifest.version} has no action "${key}"`,
    `Known actions: ${keys.join(', ') || 'none'}.`,
  );
}
