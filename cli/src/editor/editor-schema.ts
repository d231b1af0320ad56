import { workflowSchema } from '@mova/runtime';
import { connectorShortName } from '@mova/runtime/lockfile';
import { BUILTIN_NAMES, HttpFetchInput } from '@mova/runtime/workflow-tools';
import type { JsonSchema, Manifest } from '@mova/sdk';

/** One locked connector version and the ranges the lockfile locks to it. */
export interface EditorConnector {
  package: string;
  version: string;
  ranges: string[];
  manifest: Manifest;
}

export interface EditorSchemaOptions {
  connectors: EditorConnector[];
  /** Connection names declared in the project's workflows, by the package they are for; offered in `connection`. */
  connections?: ReadonlyMap<string, string[]>;
}

/** The `$defs` entry every templated value may be: a text holding `{{`, as the validator's isTemplate reads it. */
const TEMPLATE_REF = { $ref: '#/$defs/template' };
/** An array holding a template anywhere inside: the validator leaves such arrays whole to the run. */
const TEMPLATED_ARRAY = { type: 'array', contains: { $ref: '#/$defs/templatedValue' } };
/** A value with a template anywhere inside it (a text, or an array or object holding one). */
const TEMPLATED_VALUE: JsonSchema = {
  description: 'A value holding a {{ }} expression somewhere inside it.',
  anyOf: [
    TEMPLATE_REF,
    { type: 'array', contains: { $ref: '#/$defs/templatedValue' } },
    { type: 'object', not: { additionalProperties: { not: { $ref: '#/$defs/templatedValue' } } } },
  ],
};
const EXPRESSION_REF = { $ref: '#/$defs/expression' };
/** Annotations kept beside a value's alternatives, so hover and completion show them. */
const NOTES = ['title', 'description', 'default', 'examples', 'deprecated', 'readOnly', 'writeOnly'] as const;
const NOTES_SET: ReadonlySet<string> = new Set(NOTES);

/**
 * The workflow schema of a project, specialised to its locked connectors: `uses` offers every
 * locked action (`github/issues.create@^1` for each locked range), and a step that uses one has its
 * `with` checked and completed against that action's input schema (an `if`/`then` keyed on `uses`),
 * its `connection` required when the connector needs one. The workflow schema itself is read from
 * the runtime, so what it gains (a new step kind, `trigger`) is in here too.
 *
 * Values holding `{{ }}` are allowed wherever the input schema puts a value, as the validator
 * leaves templated values unchecked until the run; a missing required field is still reported.
 * @example
 * const schema = editorSchema({ connectors: [{ package: '@mova/connector-github', version: '1.4.2', ranges: ['^1'], manifest }] });
 */
export function editorSchema(options: EditorSchemaOptions): JsonSchema {
  const schema = structuredClone(workflowSchema) as JsonSchema & { $defs: Record<string, JsonSchema> };
  delete schema.$id;
  schema.title = `${String(schema.title)} (this project's locked connectors)`;
  const defs = schema.$defs;
  defs.templatedValue = TEMPLATED_VALUE;
  const usesStep = defs.usesStep as { properties: Record<string, JsonSchema>; allOf?: JsonSchema[] };
  const conditions: JsonSchema[] = [];
  const offered: string[] = [];
  const names = new Names();
  const connectors = [...options.connectors].sort((a, b) =>
    `${a.package}@${a.version}`.localeCompare(`${b.package}@${b.version}`),
  );

  for (const connector of connectors) {
    const single = connectors.filter((c) => c.package === connector.package).length === 1;
    for (const action of connector.manifest.actions) {
      const written = connector.ranges.map(
        (range) => `${connectorShortName(connector.package)}/${action.key}@${range}`,
      );
      offered.push(...written);
      const def = names.take(`${connector.package}@${connector.version}/${action.key}`);
      defs[def] = templatedRoot(action.input, def);
      const connectionNames = options.connections?.get(connector.package) ?? [];
      const label = `${action.title}${action.description ? `: ${action.description}` : ''} (${connector.package}@${connector.version})`;
      conditions.push(
        ifThen(
          {
            required: ['uses'],
            properties: { uses: usesMatcher(connector.package, action.key, connector.ranges, single) },
          },
          {
            required: [
              ...(hasRequired(action.input) ? ['with'] : []),
              ...(connector.manifest.auth.kind === 'none' ? [] : ['connection']),
            ],
            properties: {
              uses: { description: label },
              with: {
                description: `The input of ${action.key}: an object whose values may hold {{ }} expressions, or one expression giving it.`,
                anyOf: [{ $ref: `#/$defs/${def}` }, EXPRESSION_REF],
                ...(action.examples.length > 0 ? { examples: action.examples.map((e) => e.input) } : {}),
              },
              connection: {
                description:
                  connector.manifest.auth.kind === 'none'
                    ? `${connector.package} needs no connection.`
                    : `A connection for ${connectorShortName(connector.package)} (${connector.manifest.auth.kind}), declared under "connections".`,
                ...(connectionNames.length > 0 ? { examples: connectionNames } : {}),
              },
            },
          },
        ),
      );
    }
  }
  for (const [pkg, actions] of actionsByPackage(connectors)) {
    const prefix = `^(?:${spellings(pkg).map(escapeRegExp).join('|')})/`;
    conditions.push(
      ifThen(
        { required: ['uses'], properties: { uses: { type: 'string', pattern: prefix } } },
        {
          properties: {
            uses: {
              pattern: `${prefix}(?:${[...actions].map(escapeRegExp).join('|')})@`,
              patternErrorMessage: `The locked ${pkg} has no such action. Its actions: ${[...actions].join(', ')}.`,
            },
          },
        },
      ),
    );
  }
  for (const builtin of BUILTIN_NAMES) {
    const def = names.take(`builtin/${builtin}`);
    defs[def] = templatedRoot(builtinInput(builtin), def);
    conditions.push(
      ifThen(
        { required: ['uses'], properties: { uses: { const: builtin } } },
        { properties: { with: { anyOf: [{ $ref: `#/$defs/${def}` }, EXPRESSION_REF] } } },
      ),
    );
  }

  addTriggers(defs, connectors, names);
  usesStep.properties.uses = { ...usesStep.properties.uses, examples: [...offered, ...BUILTIN_NAMES] };
  usesStep.allOf = [...(usesStep.allOf ?? []), ...conditions];
  const connection = defs.connection as { properties: Record<string, JsonSchema> };
  connection.properties.connector = {
    ...connection.properties.connector,
    examples: [...new Set(connectors.map((c) => connectorShortName(c.package)))],
  };
  return refsApart(schema) as JsonSchema;
}

/**
 * Moves a `$ref` that has keywords beside it into `allOf`: the same meaning in 2020-12, but VS Code's
 * JSON language service merges the referenced schema over the keywords beside it (a step kind's
 * `properties` were replaced by the shared ones), so completion would lose them.
 */
function refsApart(schema: unknown): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonSchema = { ...schema };
  for (const key of SCHEMA_ONE) if (isObject(out[key])) out[key] = refsApart(out[key]);
  for (const key of SCHEMA_LISTS) {
    const list = out[key];
    if (Array.isArray(list)) out[key] = list.map(refsApart);
  }
  for (const key of SCHEMA_MAPS) {
    const map = out[key];
    if (isObject(map)) out[key] = mapValues(map, refsApart);
  }
  if (typeof out.$ref === 'string' && Object.keys(out).some((key) => key !== '$ref' && !NOTES_SET.has(key))) {
    const list = Array.isArray(out.allOf) ? out.allOf : [];
    out.allOf = [{ $ref: out.$ref }, ...list];
    delete out.$ref;
  }
  return out;
}

/** A JSON Schema `if`/`then` pair (written once here: a literal `then:` key reads as a thenable to the linter). */
function ifThen(condition: JsonSchema, then: JsonSchema): JsonSchema {
  return { if: condition, then };
}

/**
 * A workflow's `trigger` (when the runtime's schema has one): `uses` offers the locked polling
 * triggers and `with` is their input schema. Trigger input is literal (nothing to evaluate before
 * the run), so it is not opened to templates.
 */
function addTriggers(defs: Record<string, JsonSchema>, connectors: EditorConnector[], names: Names): void {
  const trigger = defs.trigger as { properties?: Record<string, JsonSchema>; allOf?: JsonSchema[] } | undefined;
  const uses = trigger?.properties?.uses;
  if (!trigger?.properties || !uses) return;
  const offered: string[] = [];
  const conditions: JsonSchema[] = [];
  for (const connector of connectors) {
    const single = connectors.filter((c) => c.package === connector.package).length === 1;
    for (const polling of connector.manifest.triggers.filter((t) => t.kind === 'polling')) {
      offered.push(
        ...connector.ranges.map((range) => `${connectorShortName(connector.package)}/${polling.key}@${range}`),
      );
      const def = names.take(`${connector.package}@${connector.version}/trigger/${polling.key}`);
      const { $id: _id, $schema: _schema, ...input } = polling.input;
      defs[def] = refsUnder(input, `#/$defs/${def}`) as JsonSchema;
      conditions.push(
        ifThen(
          {
            required: ['uses'],
            properties: { uses: usesMatcher(connector.package, polling.key, connector.ranges, single) },
          },
          {
            properties: {
              uses: {
                description: `${polling.title}${polling.description ? `: ${polling.description}` : ''} (${connector.package}@${connector.version})`,
              },
              with: { $ref: `#/$defs/${def}` },
            },
          },
        ),
      );
    }
  }
  if (conditions.length === 0) return;
  trigger.properties.uses = { ...uses, examples: offered };
  trigger.allOf = [...(trigger.allOf ?? []), ...conditions];
}

/** Local `$ref`s of a schema moved under `base`, nothing else changed. */
function refsUnder(schema: unknown, base: string): unknown {
  if (Array.isArray(schema)) return schema.map((item) => refsUnder(item, base));
  if (!isObject(schema)) return schema;
  return Object.fromEntries(
    Object.entries(schema).map(([key, item]) => [
      key,
      key === '$ref' && typeof item === 'string' && item.startsWith('#')
        ? `${base}${item.slice(1)}`
        : refsUnder(item, base),
    ]),
  );
}

/** How a `uses` value names this action: every locked range exactly, or any range when one version is locked. */
function usesMatcher(pkg: string, action: string, ranges: string[], single: boolean): JsonSchema {
  if (single) {
    return { type: 'string', pattern: `^(?:${spellings(pkg).map(escapeRegExp).join('|')})/${escapeRegExp(action)}@` };
  }
  return { enum: spellings(pkg).flatMap((name) => ranges.map((range) => `${name}/${action}@${range}`)) };
}

/** `@mova/connector-github` is written `github` or in full; other packages only in full. */
function spellings(pkg: string): string[] {
  const short = connectorShortName(pkg);
  return short === pkg ? [pkg] : [short, pkg];
}

function actionsByPackage(connectors: EditorConnector[]): Map<string, Set<string>> {
  const byPackage = new Map<string, Set<string>>();
  for (const connector of connectors) {
    const keys = byPackage.get(connector.package) ?? new Set<string>();
    for (const action of connector.manifest.actions) keys.add(action.key);
    byPackage.set(connector.package, keys);
  }
  return byPackage;
}

function builtinInput(name: string): JsonSchema {
  if (name === 'http_fetch') return JSON.parse(JSON.stringify(HttpFetchInput)) as JsonSchema;
  return {};
}

function hasRequired(schema: JsonSchema): boolean {
  return Array.isArray(schema.required) && schema.required.length > 0;
}

/**
 * An action's input schema placed at `#/$defs/<def>`: its own `$id`/`$schema` dropped, its local
 * `$ref`s pointed at the new place, and every value position opened to templates.
 */
function templatedRoot(input: JsonSchema, def: string): JsonSchema {
  const { $id: _id, $schema: _schema, ...rest } = input;
  return structure(rest, `#/$defs/${def}`) as JsonSchema;
}

/** A value position: the schema's own form, a text with `{{ }}`, or an array holding one anywhere (see literalInputIssues). */
function value(schema: unknown, base: string): unknown {
  if (!isObject(schema)) return schema;
  const notes: JsonSchema = {};
  for (const key of NOTES) if (key in schema) notes[key] = schema[key];
  return { ...notes, anyOf: [structure(schema, base), TEMPLATE_REF, TEMPLATED_ARRAY] };
}

const VALUE_MAPS = ['properties', 'patternProperties'] as const;
const VALUE_ONE = [
  'additionalProperties',
  'unevaluatedProperties',
  'items',
  'additionalItems',
  'contains',
  'unevaluatedItems',
] as const;
const SCHEMA_ONE = [...VALUE_ONE, 'if', 'then', 'else', 'not', 'propertyNames'];
const SCHEMA_LISTS = ['anyOf', 'oneOf', 'allOf', 'prefixItems'];
const SCHEMA_MAPS = ['properties', 'patternProperties', '$defs', 'definitions', 'dependentSchemas'];
const SAME_POSITION_LISTS = ['anyOf', 'oneOf', 'allOf'] as const;
const SAME_POSITION_ONE = ['if', 'then', 'else'] as const;
const DEFINITIONS = ['$defs', 'definitions', 'dependentSchemas'] as const;

/** Walks a schema at one value position, opening the values inside it to templates. */
function structure(schema: unknown, base: string): unknown {
  if (!isObject(schema)) return schema;
  const out: JsonSchema = { ...schema };
  if (typeof out.$ref === 'string' && out.$ref.startsWith('#')) out.$ref = `${base}${out.$ref.slice(1)}`;
  for (const key of VALUE_MAPS) {
    const map = schema[key];
    if (isObject(map)) out[key] = mapValues(map, (s) => value(s, base));
  }
  for (const key of VALUE_ONE) if (isObject(schema[key])) out[key] = value(schema[key], base);
  const prefix = schema.prefixItems;
  if (Array.isArray(prefix)) out.prefixItems = prefix.map((s) => value(s, base));
  for (const key of SAME_POSITION_LISTS) {
    const list = schema[key];
    if (Array.isArray(list)) out[key] = list.map((s) => structure(s, base));
  }
  for (const key of SAME_POSITION_ONE) if (isObject(schema[key])) out[key] = structure(schema[key], base);
  for (const key of DEFINITIONS) {
    const map = schema[key];
    if (isObject(map)) out[key] = mapValues(map, (s) => structure(s, base));
  }
  return out;
}

function mapValues(map: Record<string, unknown>, fn: (value: unknown) => unknown): Record<string, unknown> {
  return Object.fromEntries(Object.entries(map).map(([key, item]) => [key, fn(item)]));
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** `$defs` names for the embedded inputs: readable, unique, safe in a JSON pointer and a URI fragment. */
class Names {
  private readonly used = new Set<string>();

  take(label: string): string {
    const base = `input:${label}`.replace(/[^A-Za-z0-9._:@-]/g, '_');
    let name = base;
    for (let i = 2; this.used.has(name); i++) name = `${base}_${i}`;
    this.used.add(name);
    return name;
  }
}
