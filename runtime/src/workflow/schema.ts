import { createRequire } from 'node:module';
import type { JsonSchema } from '@mova/sdk';
import type { ErrorObject, ValidateFunction } from 'ajv/dist/2020.js';
import { AJV_OPTIONS, schemaHash } from '../../generated/schema-hash.mjs';
import * as generated from '../../generated/workflow-validator.mjs';
import type { WorkflowIssue } from '../errors.js';
import { pointerJoin, pointerWithin } from '../json-pointer.js';
import schema from './workflow.schema.json' with { type: 'json' };

export const WORKFLOW_SCHEMA_ID = 'https://mova.dev/schemas/workflow/1.0.json';

/** The published JSON Schema of MOVA workflow 1.0 (also at `@mova/runtime/workflow.schema.json`). */
export const workflowSchema: JsonSchema = schema;

let validate: ValidateFunction | undefined;

/**
 * The validator compiled at build time (scripts/workflow-validator.mjs), or, when the schema changed
 * after it was generated, one compiled now: compiling the schema took ~76 ms of every CLI start.
 */
function workflowValidator(): ValidateFunction {
  if (generated.schemaHash === schemaHash(workflowSchema)) return generated.validate;
  // Only a stale build pays for loading ajv's compiler; ajv is CommonJS, so it loads synchronously.
  const { Ajv2020 } = createRequire(import.meta.url)('ajv/dist/2020.js') as typeof import('ajv/dist/2020.js');
  return new Ajv2020(AJV_OPTIONS).compile(workflowSchema);
}

/** Checks a workflow document against the workflow schema; each problem comes with a pointer and a hint. */
export function schemaIssues(document: unknown): WorkflowIssue[] {
  validate ??= workflowValidator();
  if (validate(document)) return [];
  return translate(validate.errors ?? [], document);
}

/**
 * ajv reports every alternative of a `oneOf`/`anyOf` and the `if` that picked a branch; a reader
 * wants one message per place. Alternatives of a value collapse into one issue at their place,
 * unless one of them failed deeper inside the value: then that deeper cause is the message.
 */
function translate(errors: ErrorObject[], document: unknown): WorkflowIssue[] {
  let issues: WorkflowIssue[] = [];
  for (const error of errors) {
    // propertyNames adds a summary beside the real cause, which names the property.
    if (error.keyword === 'if' || error.keyword === 'propertyNames') continue;
    if (error.keyword !== 'anyOf' && error.keyword !== 'oneOf') {
      issues.push(describe(error));
      continue;
    }
    const at = error.instancePath;
    if (isRequiredChoice(error)) {
      // Each alternative reported its field as required; the choice says it once.
      const fields = new Set((error.schema as { required: string[] }[]).flatMap((a) => a.required));
      issues = issues.filter(
        (i) => !(i.message === 'is required' && [...fields].some((f) => i.pointer === pointerJoin(at, f))),
      );
      issues.push(choiceIssue(error, valueAt(document, at)));
      continue;
    }
    const inner = issues.filter((i) => pointerWithin(i.pointer, at));
    const deeper = inner.filter((i) => i.pointer !== at);
    issues = issues.filter((i) => !pointerWithin(i.pointer, at));
    issues.push(
      ...(deeper.length > 0
        ? deeper
        : [{ pointer: at, message: 'does not match any allowed form', hint: expectedHint(error) }]),
    );
  }
  // A step with no kind or two kinds also breaks its kind's schema; the kind message is enough.
  const kindless = new Set(issues.filter((i) => i.message.startsWith('is a step with')).map((i) => i.pointer));
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.pointer}\u0000${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return i.message.startsWith('is a step with') || !isDirectChild(i.pointer, kindless);
  });
}

/** `oneOf: [{ required: [a] }, { required: [b] }]`: the value must carry exactly one of some fields. */
function isRequiredChoice(error: ErrorObject): boolean {
  const alternatives = error.schema;
  return (
    Array.isArray(alternatives) &&
    alternatives.every((a) => a && typeof a === 'object' && Object.keys(a).join() === 'required')
  );
}

function choiceIssue(error: ErrorObject, value: unknown): WorkflowIssue {
  const fields = (error.schema as { required: string[] }[]).flatMap((a) => a.required);
  const present = value && typeof value === 'object' ? fields.filter((f) => f in value) : [];
  if (fields.includes('set')) return kindIssue(error.instancePath, present);
  return {
    pointer: error.instancePath,
    message:
      present.length === 0 ? `needs one of: ${fields.join(', ')}` : `has more than one of: ${present.join(', ')}`,
    hint: expectedHint(error),
  };
}

function isDirectChild(pointer: string, parents: Set<string>): boolean {
  const cut = pointer.lastIndexOf('/');
  return cut >= 0 && parents.has(pointer.slice(0, cut));
}

function expectedHint(error: ErrorObject): string {
  const description = (error.parentSchema as { description?: unknown } | undefined)?.description;
  return typeof description === 'string' ? `Expected ${lowerFirst(description)}` : 'See the workflow reference.';
}

function describe(error: ErrorObject): WorkflowIssue {
  const expected = expectedHint(error);
  const name = (error as { propertyName?: unknown }).propertyName;
  if (typeof name === 'string') {
    return { pointer: pointerJoin(error.instancePath, name), message: 'is not a valid name', hint: expected };
  }
  const at = error.instancePath;
  switch (error.keyword) {
    case 'required': {
      const missing = String(error.params.missingProperty);
      return { pointer: pointerJoin(at, missing), message: 'is required', hint: `Add "${missing}". ${expected}` };
    }
    case 'additionalProperties':
    case 'unevaluatedProperties': {
      const extra = String(error.params.additionalProperty ?? error.params.unevaluatedProperty);
      return {
        pointer: pointerJoin(at, extra),
        message: 'is not allowed here',
        hint: `Remove "${extra}" or check its spelling.${allowedHint(error)}`,
      };
    }
    case 'const':
      return { pointer: at, message: 'is not supported', hint: `Use ${JSON.stringify(error.params.allowedValue)}.` };
    case 'enum':
      return {
        pointer: at,
        message: `is not one of the allowed values`,
        hint: `Use one of: ${(error.params.allowedValues as unknown[]).map((v) => JSON.stringify(v)).join(', ')}.`,
      };
    case 'dependentRequired': {
      const field = String(error.params.property);
      const needs = String(error.params.missingProperty);
      return {
        pointer: pointerJoin(at, field),
        message: `only applies together with "${needs}"`,
        hint: `Add "${needs}" or remove "${field}".`,
      };
    }
    case 'not':
      return { pointer: at, message: 'is a reserved name', hint: expected };
    case 'pattern':
      return { pointer: at, message: 'is not valid', hint: expected };
    default:
      return { pointer: at, message: error.message ?? 'is invalid', hint: expected };
  }
}

function kindIssue(pointer: string, present: string[]): WorkflowIssue {
  if (present.length === 0) {
    return {
      pointer,
      message: 'is a step with nothing to do',
      hint: 'Give it one of: uses, set, if + then, repeat + do, parallel, try + catch, wait, fail.',
    };
  }
  return {
    pointer,
    message: `is a step with more than one kind (${present.join(', ')})`,
    hint: 'A step does one thing: split it into one step per kind.',
  };
}

function allowedHint(error: ErrorObject): string {
  const names = new Set<string>();
  const collect = (schema: unknown) => {
    if (!schema || typeof schema !== 'object') return;
    const s = schema as { properties?: object; $ref?: string };
    for (const key of Object.keys(s.properties ?? {})) names.add(key);
    if (s.$ref === '#/$defs/stepCommon') collect((workflowSchema.$defs as Record<string, unknown>).stepCommon);
  };
  collect(error.parentSchema);
  return names.size > 0 ? ` Allowed here: ${[...names].join(', ')}.` : '';
}

function valueAt(document: unknown, pointer: string): unknown {
  let value = document;
  for (const raw of pointer.split('/').slice(1)) {
    const key = raw.replaceAll('~1', '/').replaceAll('~0', '~');
    value = value && typeof value === 'object' ? (value as Record<string, unknown>)[key] : undefined;
  }
  return value;
}

function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}
