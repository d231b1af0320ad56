import { NO_INPUTS } from '@mova/runtime/workflow-tools';
import { compileSchema, type JsonSchema } from '@mova/sdk/host';
import { displayPath } from '../paths.js';
import { type LocatedIssue, UserError } from '../user-error.js';
import { isRecord } from './is-record.js';

export interface InputSources {
  /** `--input name=value` flags, in the order given. */
  pairs: readonly string[];
  /** The parsed `--input-file` and where it came from. */
  file?: { path: string; value: unknown };
}

type JsonType = 'null' | 'boolean' | 'integer' | 'number' | 'object' | 'array' | 'string';

const NOT_THIS = Symbol('not this type');

/** Tried in this order, so `true` is a boolean and `3` a number when the schema allows either, and text comes last. */
const PARSERS: [JsonType, (raw: string) => unknown][] = [
  ['null', (raw) => (raw === 'null' ? null : NOT_THIS)],
  ['boolean', (raw) => (raw === 'true' ? true : raw === 'false' ? false : NOT_THIS)],
  ['integer', (raw) => (isJsonNumber(raw) && Number.isInteger(Number(raw)) ? Number(raw) : NOT_THIS)],
  ['number', (raw) => (isJsonNumber(raw) ? Number(raw) : NOT_THIS)],
  ['object', (raw) => parseJson(raw, isRecord)],
  ['array', (raw) => parseJson(raw, Array.isArray)],
  ['string', (raw) => raw],
];

const TYPE_NAMES: Record<JsonType, string> = {
  null: 'null',
  boolean: 'true or false',
  integer: 'an integer',
  number: 'a number',
  object: 'a JSON object',
  array: 'a JSON array',
  string: 'text',
};

const EXAMPLES: Record<JsonType, string> = {
  null: 'null',
  boolean: 'true',
  integer: '3',
  number: '2.5',
  object: '{"key":"value"}',
  array: '["a","b"]',
  string: 'text',
};

/**
 * The run's inputs: the `--input-file` object, then every `--input name=value` on top of it. Each
 * value is typed by the property's `type` in the workflow's inputs schema (a number, true/false,
 * JSON for objects and arrays, text otherwise); a property without a `type` takes the text as it is.
 * A name the schema does not list is a mistake unless the schema allows other properties
 * (`additionalProperties` true or a schema, or `patternProperties`).
 * @example
 * collectInputs({ type: 'object', properties: { n: { type: 'integer' } } }, { pairs: ['n=3'] }) // { n: 3 }
 */
export function collectInputs(schema: JsonSchema, sources: InputSources): Record<string, unknown> {
  const properties = isRecord(schema.properties) ? schema.properties : {};
  const names = Object.keys(properties);
  const openEnded =
    schema.additionalProperties === true ||
    isRecord(schema.additionalProperties) ||
    schema.patternProperties !== undefined;
  const known = (name: string) => openEnded || Object.hasOwn(properties, name);
  const inputsHint = names.length > 0 ? `Its inputs: ${names.join(', ')}.` : 'This workflow takes no inputs.';

  const inputs: Record<string, unknown> = {};
  if (sources.file) {
    const { path, value } = sources.file;
    if (!isRecord(value)) {
      throw new UserError(`${displayPath(path)} must hold an object of inputs`, 'Write {"name": value, ...}.');
    }
    const unknown = Object.keys(value).filter((name) => !known(name));
    if (unknown.length > 0) {
      throw new UserError(`${displayPath(path)}: ${quoteList(unknown)} ${notInputs(unknown)}`, inputsHint);
    }
    Object.assign(inputs, value);
  }
  const given = new Set<string>();
  for (const pair of sources.pairs) {
    const at = pair.indexOf('=');
    const name = at > 0 ? pair.slice(0, at) : '';
    if (!name) throw new UserError(`--input "${pair}" is not name=value`, 'Write --input name=value.');
    if (given.has(name)) throw new UserError(`--input ${name} is given twice`, 'Pass each input once.');
    if (!known(name)) throw new UserError(`--input ${name}: "${name}" ${notInputs([name])}`, inputsHint);
    given.add(name);
    inputs[name] = coerce(name, pair.slice(at + 1), properties[name]);
  }
  return inputs;
}

/**
 * Checks inputs against the workflow's inputs schema, as the runtime will before the run starts,
 * so a mistake is reported as a usage error with a hint for the command line.
 */
export function inputIssues(schema: JsonSchema, inputs: Record<string, unknown>): LocatedIssue[] {
  // Nothing given to a workflow without inputs: nothing to say, and no need to load ajv to say it.
  if (schema === NO_INPUTS && Object.keys(inputs).length === 0) return [];
  return compileSchema(schema)(structuredClone(inputs)).map((issue) => {
    const top = /^\/([^/]+)$/.exec(issue.pointer)?.[1];
    const hint =
      issue.message === 'is required' && top !== undefined
        ? `Pass --input ${top}=<value> or put "${top}" in --input-file.`
        : issue.hint;
    return { file: 'inputs', pointer: issue.pointer, message: issue.message, ...(hint ? { hint } : {}) };
  });
}

function coerce(name: string, raw: string, property: unknown): unknown {
  const types = declaredTypes(property);
  if (types.size === 0) return raw;
  for (const [type, parse] of PARSERS) {
    if (!types.has(type)) continue;
    const value = parse(raw);
    if (value !== NOT_THIS) return value;
  }
  const wanted = PARSERS.map(([type]) => type).filter((type) => types.has(type));
  const shown = raw.length > 40 ? `${raw.slice(0, 40)}…` : raw;
  const example = wanted[0] ?? 'string';
  const quote = example === 'object' || example === 'array' ? "'" : '';
  throw new UserError(
    `--input ${name}: "${shown}" is not ${wanted.map((type) => TYPE_NAMES[type]).join(' or ')}`,
    `The workflow's inputs schema says so; e.g. --input ${quote}${name}=${EXAMPLES[example]}${quote}.`,
  );
}

/** The JSON types a property schema accepts, from `type` and the members of `anyOf` / `oneOf`. */
function declaredTypes(property: unknown): Set<JsonType> {
  const types = new Set<JsonType>();
  if (!isRecord(property)) return types;
  const add = (type: unknown) => {
    for (const t of Array.isArray(type) ? type : [type]) {
      const known = PARSERS.find(([name]) => name === t);
      if (known) types.add(known[0]);
    }
  };
  add(property.type);
  for (const member of [property.anyOf, property.oneOf].flatMap((list) => (Array.isArray(list) ? list : []))) {
    if (isRecord(member)) add(member.type);
  }
  return types;
}

function parseJson(raw: string, fits: (value: unknown) => boolean): unknown {
  try {
    const value: unknown = JSON.parse(raw);
    return fits(value) ? value : NOT_THIS;
  } catch {
    return NOT_THIS;
  }
}

function isJsonNumber(raw: string): boolean {
  return /^-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?$/.test(raw);
}

function quoteList(names: string[]): string {
  return names.map((name) => `"${name}"`).join(', ');
}

function notInputs(names: string[]): string {
  return names.length === 1 ? 'is not an input of this workflow' : 'are not inputs of this workflow';
}
