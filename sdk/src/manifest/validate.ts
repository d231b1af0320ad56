import type { Ajv2020, ValidateFunction } from 'ajv/dist/2020.js';
import type { Issue } from '../errors.js';
import type { JsonSchema } from '../schema.js';
import { compileSchema, createAjv, toIssues } from '../validator.js';
import manifestSchema from './manifest.schema.json' with { type: 'json' };
import type { Manifest } from './types.js';

export { manifestSchema };

const SIMPLE_TYPES = ['array', 'boolean', 'integer', 'null', 'number', 'object', 'string'];

let checkShape: ValidateFunction | undefined;
let strictAjv: Ajv2020 | undefined;

/**
 * Checks a manifest: its shape against the manifest schema, every embedded schema against
 * JSON Schema 2020-12 (including unknown keywords, usually typos), and every example against its
 * schemas. Returns each problem with its JSON pointer; an empty list means valid.
 */
export function validateManifest(manifest: unknown): Issue[] {
  // No defaults: the 2020-12 meta-schema's would be written into the manifest being checked.
  checkShape ??= createAjv({ strict: false, useDefaults: false }).compile(manifestSchema);
  if (!checkShape(manifest)) return collapseAlternatives(toIssues(checkShape.errors ?? []));
  const m = manifest as Manifest;
  const issues: Issue[] = [];
  const schemaAt = (pointer: string, schema: JsonSchema) => {
    strictAjv ??= createAjv({ strict: true });
    try {
      strictAjv.compile(schema);
      strictAjv.removeSchema(schema);
      return true;
    } catch (error) {
      issues.push({
        pointer,
        message: (error as Error).message.replace(/^strict mode: /, ''),
        hint: 'Fix the schema: check the keyword spelling and that values have the right type.',
      });
      return false;
    }
  };
  const items = [
    ...m.actions.map((a, i) => ({ item: a, at: `/actions/${i}` })),
    ...m.triggers.map((t, i) => ({ item: t, at: `/triggers/${i}` })),
  ];
  schemaAt('/auth/schema', m.auth.schema);
  // A workflow names an action by its key: two with one key would make `uses` ambiguous.
  const firstAt = new Map<string, string>();
  for (const { item, at } of items) {
    const first = firstAt.get(item.key);
    if (first === undefined) firstAt.set(item.key, at);
    else {
      issues.push({
        pointer: `${at}/key`,
        message: `repeats the key "${item.key}" of ${first}`,
        hint: 'Keys are unique across the actions and triggers of a connector: rename one.',
      });
    }
  }
  for (const { item, at } of items) {
    const inputOk = schemaAt(`${at}/input`, item.input);
    const outputOk = schemaAt(`${at}/output`, item.output);
    item.examples.forEach((example, e) => {
      if (inputOk)
        issues.push(...located(compileSchema(item.input)(clone(example.input)), `${at}/examples/${e}/input`));
      if (outputOk && example.output !== undefined) {
        issues.push(...located(compileSchema(item.output)(clone(example.output)), `${at}/examples/${e}/output`));
      }
    });
  }
  return issues;
}

/**
 * The conventions a publishable connector keeps beyond a valid manifest: every action and trigger
 * is described and shows at least one example; a declared file field is a connection field.
 */
export function checkConventions(manifest: Manifest): Issue[] {
  const issues: Issue[] = [];
  const all = [
    ...manifest.actions.map((a, i) => ({ item: a, at: `/actions/${i}` })),
    ...manifest.triggers.map((t, i) => ({ item: t, at: `/triggers/${i}` })),
  ];
  if (manifest.actions.length + manifest.triggers.length === 0) {
    issues.push({
      pointer: '/actions',
      message: 'the connector has no actions or triggers',
      hint: 'Add at least one action.',
    });
  }
  const fields = manifest.auth.schema.properties;
  for (const [i, field] of (manifest.fs?.connectionPaths ?? []).entries()) {
    const schema = fields && typeof fields === 'object' ? (fields as Record<string, JsonSchema>)[field] : undefined;
    if (schema?.type !== 'string') {
      issues.push({
        pointer: `/fs/connectionPaths/${i}`,
        message: `fs.connectionPaths names "${field}", which is not a string field of the connection`,
        hint: 'Name the connection field that holds the file path; the sandbox grants the file it names and nothing else.',
      });
    }
  }
  for (const { item, at } of all) {
    if (!item.description?.trim()) {
      issues.push({
        pointer: `${at}/description`,
        message: `"${item.key}" has no description`,
        hint: 'Say in one sentence what it does.',
      });
    }
    if (item.examples.length === 0) {
      issues.push({
        pointer: `${at}/examples`,
        message: `"${item.key}" has no example`,
        hint: 'Add `examples: [{ input: {...}, output: {...} }]`.',
      });
    }
    const props = item.input.properties;
    if (props && typeof props === 'object') {
      for (const [name, schema] of Object.entries(props as Record<string, JsonSchema>)) {
        if (!schema.description) {
          issues.push({
            pointer: `${at}/input/properties/${name}/description`,
            message: `input field "${name}" of "${item.key}" has no description`,
            hint: "Add `{ description: '...' }` to the field's schema.",
          });
        }
      }
    }
  }
  return issues;
}

function located(issues: Issue[], prefix: string): Issue[] {
  return issues.map((i) => ({ ...i, pointer: prefix + i.pointer }));
}

function clone<T>(value: T): T {
  return value === undefined ? value : structuredClone(value);
}

/** anyOf failures report every branch; one message at that place reads better. */
function collapseAlternatives(issues: Issue[]): Issue[] {
  const alternatives = new Set(
    issues.filter((i) => i.message === 'must match a schema in anyOf').map((i) => i.pointer),
  );
  const out: Issue[] = [];
  for (const issue of issues) {
    if (!alternatives.has(issue.pointer)) {
      out.push(issue);
    } else if (issue.message === 'must match a schema in anyOf') {
      out.push(
        issue.pointer.endsWith('/type')
          ? {
              pointer: issue.pointer,
              message: 'is not a JSON Schema type',
              hint: `Use one of: ${SIMPLE_TYPES.join(', ')}.`,
            }
          : { pointer: issue.pointer, message: 'matches none of the allowed forms' },
      );
    }
  }
  return out;
}
