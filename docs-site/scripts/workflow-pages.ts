import type { JsonSchema } from '@mova/sdk';
import { blocks, code, frontMatter, link, table, text } from './markdown.js';
import type { Page, SidebarItem } from './page.js';
import {
  asSchema,
  constraints,
  fieldRows,
  fieldTable,
  objectRules,
  propertiesOf,
  requiredOf,
  type SchemaContext,
  typeOf,
} from './schema-fields.js';

const DEFS = '#/$defs/';

/** A step kind: the property that selects it (`uses`) and the definition that describes it. */
interface StepKind {
  key: string;
  definition: string;
}

interface Definition {
  name: string;
  schema: JsonSchema;
  file: string;
}

/**
 * Pages generated from the workflow JSON Schema: the workflow object itself, then one page per
 * definition under `$defs` with its fields (descriptions, types, required, constraints) and the
 * definitions that use it. `$ref`s become links, so nothing is described twice.
 */
export function workflowSchemaPages(schema: JsonSchema): Page[] {
  const definitions = definitionsOf(schema);
  const byName = new Map(definitions.map((d) => [d.name, d]));
  const context: SchemaContext = {
    refLink: (ref) => {
      const target = byName.get(defName(ref) ?? '');
      return target ? link(target.name, `./${target.file}`) : undefined;
    },
    resolve: (ref) => byName.get(defName(ref) ?? '')?.schema,
  };
  const kinds = stepKinds(schema);
  const usedBy = references(definitions);
  const root = blocks(
    frontMatter({ title: 'Workflow schema' }),
    `# ${text(typeof schema.title === 'string' ? schema.title : 'Workflow')}: schema`,
    typeof schema.description === 'string' && text(schema.description),
    typeof schema.$id === 'string' &&
      `Schema ${code(schema.$id)} (JSON Schema 2020-12). Point an editor at it with ${code(`"$schema": "${schema.$id}"`)}.`,
    '## Fields',
    fieldTable(fieldRows(schema, context)),
    rulesList(schema),
    '## Definitions',
    table(
      ['Definition', 'What it is'],
      definitions.map((d) => [link(d.name, `./${d.file}`), summary(d, kinds, usedBy, byName)]),
    ),
  );
  return [
    { path: 'workflow/schema/index.md', content: root },
    ...definitions.map((d) => ({
      path: `workflow/schema/${d.file}`,
      content: definitionPage(d, { context, kinds, usedBy, schemaId: schema.$id, byName }),
    })),
  ];
}

export function workflowSidebar(schema: JsonSchema): SidebarItem[] {
  const kinds = stepKinds(schema);
  const definitions = definitionsOf(schema);
  const item = (d: Definition) => ({ text: d.name, link: `/workflow/schema/${d.file.replace(/\.md$/, '')}` });
  const isKind = (d: Definition) => kinds.some((k) => k.definition === d.name);
  return [
    { text: 'Language reference', link: '/workflow/' },
    { text: 'Schema: the workflow file', link: '/workflow/schema/' },
    { text: 'Step kinds', collapsed: false, items: definitions.filter(isKind).map(item) },
    { text: 'Objects', collapsed: false, items: definitions.filter((d) => !isKind(d) && isObject(d.schema)).map(item) },
    {
      text: 'Values and lists',
      collapsed: false,
      items: definitions.filter((d) => !isKind(d) && !isObject(d.schema)).map(item),
    },
  ];
}

/**
 * The runtime's hand-written reference as the language page, with a pointer to the generated
 * schema pages.
 */
export function workflowReferencePage(reference: string): Page {
  const body = reference.replace(/^\uFEFF/, '');
  const note = `::: tip Generated from the schema\nEvery field of every step kind, with types and constraints: ${link('Workflow schema', './schema/')}.\n:::`;
  const [first, ...rest] = body.split('\n');
  const content = first?.startsWith('# ')
    ? blocks(frontMatter({ title: 'Workflow language' }), first, note, rest.join('\n'))
    : blocks(frontMatter({ title: 'Workflow language' }), note, body);
  return { path: 'workflow/index.md', content };
}

function definitionPage(
  definition: Definition,
  options: {
    context: SchemaContext;
    kinds: StepKind[];
    usedBy: Map<string, Set<string>>;
    schemaId: unknown;
    byName: Map<string, Definition>;
  },
): string {
  const { schema, name } = definition;
  const { context, kinds, byName } = options;
  const kind = kinds.find((k) => k.definition === name);
  const base = typeof schema.$ref === 'string' ? byName.get(defName(schema.$ref) ?? '') : undefined;
  const location = typeof options.schemaId === 'string' ? `${options.schemaId}${DEFS}${name}` : `${DEFS}${name}`;
  const parts: (string | false | undefined)[] = [
    frontMatter({ title: kind ? `${stepTitle(kind, schema, base).replaceAll('`', '')} step` : name }),
    `# ${kind ? `${stepTitle(kind, schema, base)} step` : code(name)}`,
    kind && `A step with ${stepTitle(kind, schema, base)}: definition ${code(name)}.`,
    typeof schema.description === 'string'
      ? text(schema.description)
      : !kind && summary(definition, kinds, options.usedBy, byName),
    `Location: ${code(location)}`,
  ];
  if (isObject(schema)) {
    const own = kind ? withRequired(schema, kind.key) : schema;
    const rows = fieldRows(own, context);
    parts.push('## Fields', rows.length > 0 ? fieldTable(rows) : 'No fields of its own.');
    if (base) {
      const common = Object.keys(propertiesOf(base.schema)).map(code).join(', ');
      parts.push(`Also takes the fields of ${link(base.name, `./${base.file}`)}: ${common}.`);
    }
    parts.push(rulesList(schema, base), kindsTable(schema, byName));
  } else {
    parts.push('## Value', valueDescription(schema, context));
  }
  const users = [...(options.usedBy.get(name) ?? [])].sort();
  if (users.length > 0) {
    parts.push(
      '## Used by',
      users
        .map((user) => byName.get(user))
        .filter((d): d is Definition => d !== undefined)
        .map((d) => link(d.name, `./${d.file}`))
        .join(', '),
    );
  }
  parts.push(`_Generated from the workflow JSON Schema._`);
  return blocks(...parts);
}

/** `uses`, `if` + `then`, `try` + `catch`: the keys a step of this kind must have. */
function stepTitle(kind: StepKind, schema: JsonSchema, base: Definition | undefined): string {
  const own = [...requiredOf(schema)].filter((key) => key !== kind.key);
  const common = own.filter((key) => base && key in propertiesOf(base.schema));
  const rest = own.filter((key) => !common.includes(key));
  return [...common, kind.key, ...rest].map(code).join(' + ');
}

/** A step kind's own properties with the selecting key marked required, as the `step` oneOf demands. */
function withRequired(schema: JsonSchema, key: string): JsonSchema {
  return { ...schema, required: [...new Set([...requiredOf(schema), key])] };
}

function valueDescription(schema: JsonSchema, context: SchemaContext): string {
  const lines = [`Type: ${typeOf(schema, context)}.`, ...constraints(schema)];
  return lines.join(' ');
}

function rulesList(schema: JsonSchema, base?: Definition): string | undefined {
  const rules = objectRules(schema);
  const closed = schema.additionalProperties === false || schema.unevaluatedProperties === false;
  if (closed) rules.push(base ? `No fields other than these and those of ${code(base.name)}.` : 'No other fields.');
  for (const key of requiredOf(schema)) {
    if (key in propertiesOf(schema)) continue;
    const inherited = base && key in propertiesOf(base.schema);
    rules.push(inherited ? `${code(key)} (from ${code(base.name)}) is required here.` : `${code(key)} is required.`);
  }
  return rules.length > 0 ? rules.map((rule) => `- ${rule}`).join('\n') : undefined;
}

/** For a schema that picks a definition by a present key (`if required uses then usesStep`): which key picks which. */
function kindsTable(schema: JsonSchema, byName: Map<string, Definition>): string | undefined {
  const kinds = conditionalKinds(schema);
  if (kinds.length === 0) return undefined;
  return blocks(
    '## Kinds',
    table(
      ['When it has', 'It is a'],
      kinds.map((k) => {
        const target = byName.get(k.definition);
        return [code(k.key), target ? link(target.name, `./${target.file}`) : code(k.definition)];
      }),
    ),
  ).trim();
}

function stepKinds(schema: JsonSchema): StepKind[] {
  const step = asSchema(asSchema(schema.$defs)?.step);
  return step ? conditionalKinds(step) : [];
}

function conditionalKinds(schema: JsonSchema): StepKind[] {
  const list = Array.isArray(schema.allOf) ? schema.allOf : [];
  return list.flatMap((part) => {
    const condition = asSchema(asSchema(part)?.if);
    const then = asSchema(asSchema(part)?.then);
    const key =
      Array.isArray(condition?.required) && condition.required.length === 1 ? condition.required[0] : undefined;
    const definition = typeof then?.$ref === 'string' ? defName(then.$ref) : undefined;
    return typeof key === 'string' && definition ? [{ key, definition }] : [];
  });
}

function definitionsOf(schema: JsonSchema): Definition[] {
  return Object.entries(asSchema(schema.$defs) ?? {}).flatMap(([name, value]) => {
    const definition = asSchema(value);
    return definition ? [{ name, schema: definition, file: `${kebab(name)}.md` }] : [];
  });
}

/** Which definitions each definition is referenced from. */
function references(definitions: Definition[]): Map<string, Set<string>> {
  const usedBy = new Map<string, Set<string>>();
  const visit = (value: unknown, from: string) => {
    if (Array.isArray(value)) {
      for (const item of value) visit(item, from);
      return;
    }
    const schema = asSchema(value);
    if (!schema) return;
    const target = typeof schema.$ref === 'string' ? defName(schema.$ref) : undefined;
    if (target && target !== from) {
      const set = usedBy.get(target) ?? new Set<string>();
      set.add(from);
      usedBy.set(target, set);
    }
    for (const inner of Object.values(schema)) visit(inner, from);
  };
  for (const d of definitions) visit(d.schema, d.name);
  return usedBy;
}

/** One line for the definitions table; definitions without a description are named by their use. */
function summary(
  definition: Definition,
  kinds: StepKind[],
  usedBy: Map<string, Set<string>>,
  byName: Map<string, Definition>,
): string {
  const { schema, name } = definition;
  const kind = kinds.find((k) => k.definition === name);
  if (kind) {
    const base = typeof schema.$ref === 'string' ? byName.get(defName(schema.$ref) ?? '') : undefined;
    return `A step with ${stepTitle(kind, schema, base)}.`;
  }
  if (typeof schema.description === 'string') return text(schema.description);
  const users = [...(usedBy.get(name) ?? [])];
  if (kinds.length > 0 && kinds.every((k) => users.includes(k.definition))) return 'The fields every step kind shares.';
  return users.length > 0 ? `Part of ${users.map(code).join(', ')}.` : '';
}

function isObject(schema: JsonSchema): boolean {
  return schema.type === 'object' || schema.properties !== undefined || typeof schema.$ref === 'string';
}

function defName(ref: string): string | undefined {
  return ref.startsWith(DEFS) ? ref.slice(DEFS.length) : undefined;
}

function kebab(name: string): string {
  return name.replace(/([a-z0-9])([A-Z])/g, '$1-$2').toLowerCase();
}
