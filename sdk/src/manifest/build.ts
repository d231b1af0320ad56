import type { AuthDefinition } from '../auth.js';
import type { AnyAction, AnyTrigger, Connector } from '../define.js';
import { JSON_SCHEMA_2020_12, type JsonSchema, toJsonSchema } from '../schema.js';
import { SDK_VERSION } from '../version.js';
import {
  MANIFEST_SCHEMA_ID,
  type Manifest,
  type ManifestAction,
  type ManifestAuth,
  type ManifestDeprecation,
  type ManifestTrigger,
} from './types.js';

export interface PackageInfo {
  name: string;
  version: string;
}

/**
 * Builds the manifest of a connector version: every schema as JSON Schema 2020-12.
 * @example
 * const manifest = buildManifest(connector, { name: '@acme/connector-crm', version: '1.2.0' });
 */
export function buildManifest(connector: Connector, pkg: PackageInfo): Manifest {
  const manifest: Manifest = {
    $schema: MANIFEST_SCHEMA_ID,
    manifestVersion: 1,
    name: connector.name,
    package: pkg.name,
    version: pkg.version,
    title: connector.title,
    description: connector.description,
    categories: connector.categories,
    auth: authToManifest(connector.auth),
    actions: connector.actions.map(actionToManifest),
    triggers: connector.triggers.map(triggerToManifest),
    network: { ...connector.network },
    sdkVersion: SDK_VERSION,
  };
  if (connector.icon) manifest.icon = connector.icon;
  if (connector.fs) manifest.fs = { ...connector.fs };
  return manifest;
}

function schemaOf(schema: object) {
  return { $schema: JSON_SCHEMA_2020_12, ...toJsonSchema(schema) };
}

/** An input schema (or a connection's): what a workflow may leave out for its default is optional. */
function inputSchemaOf(schema: object) {
  return defaultsOptional(schemaOf(schema));
}

function actionToManifest(action: AnyAction): ManifestAction {
  const input = withDeprecations(inputSchemaOf(action.input));
  const output = withDeprecations(schemaOf(action.output));
  const out: ManifestAction = {
    key: action.key,
    title: action.title,
    input: input.schema,
    output: output.schema,
    examples: (action.examples ?? []).map((e) => JSON.parse(JSON.stringify(e))),
  };
  if (action.description) out.description = action.description;
  if (action.idempotent === true) out.idempotent = true;
  const renamedFrom = action.renamedFrom === undefined ? [] : [action.renamedFrom].flat();
  if (renamedFrom.length > 0) out.renamedFrom = renamedFrom;
  const renamed = {
    ...(action.renamed?.input?.length ? { input: action.renamed.input.map(({ from, to }) => ({ from, to })) } : {}),
    ...(action.renamed?.output?.length ? { output: action.renamed.output.map(({ from, to }) => ({ from, to })) } : {}),
  };
  if (Object.keys(renamed).length > 0) out.renamed = renamed;
  const deprecated = {
    ...(input.notes.length > 0 ? { input: input.notes } : {}),
    ...(output.notes.length > 0 ? { output: output.notes } : {}),
  };
  if (Object.keys(deprecated).length > 0) out.deprecated = deprecated;
  return out;
}

/**
 * JSON Schema's `deprecated` is a boolean; authors write the TypeBox option `deprecated: 'use x'`.
 * The schema keeps `deprecated: true` (editors strike the field through) and the messages move to
 * the action's `deprecated` list, by dotted field path.
 */
function withDeprecations<T extends JsonSchema>(schema: T): { schema: T; notes: ManifestDeprecation[] } {
  const notes: ManifestDeprecation[] = [];
  const walk = (node: unknown, field: string): unknown => {
    if (Array.isArray(node)) return node.map((item) => walk(item, field));
    if (!node || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [key, value] of Object.entries(node)) {
      if (key === 'deprecated' && typeof value === 'string') {
        notes.push({ field, message: value });
        out[key] = true;
      } else if (key === 'properties' && value && typeof value === 'object' && !Array.isArray(value)) {
        out[key] = Object.fromEntries(
          Object.entries(value).map(([name, child]) => [name, walk(child, field ? `${field}.${name}` : name)]),
        );
      } else out[key] = walk(value, field);
    }
    return out;
  };
  return { schema: walk(schema, '') as T, notes };
}

function triggerToManifest(trigger: AnyTrigger): ManifestTrigger {
  const out: ManifestTrigger = { ...actionToManifest(trigger as unknown as AnyAction), kind: trigger.kind };
  if (trigger.kind === 'polling') {
    out.dedupe = trigger.dedupe;
    if (trigger.emitOnFirstPoll) out.emitOnFirstPoll = true;
  }
  return out;
}

function authToManifest(auth: AuthDefinition): ManifestAuth {
  const out: ManifestAuth = {
    kind: auth.kind,
    schema: inputSchemaOf(auth.schema),
    validate: typeof auth.validate === 'function',
  };
  if (auth.kind === 'apiKey') {
    out.in = auth.in;
    out.name = auth.name;
    if (auth.prefix) out.prefix = auth.prefix;
  }
  if (auth.kind === 'oauth2') {
    out.flows = auth.flows;
    out.tokenUrl = auth.tokenUrl;
    if (auth.authorizationUrl) out.authorizationUrl = auth.authorizationUrl;
    out.scopes = auth.scopes;
  }
  return out;
}

const isSchema = (value: unknown): value is JsonSchema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * TypeBox lists every property without `Type.Optional` under `required`, a defaulted one too
 * (`Type.Integer({ default: 30 })`). The runtime fills defaults before it validates an input, so a
 * workflow need not give them: such properties leave `required`, and the manifest, README reference,
 * marketplace and emitted types all show them as optional. Followed through nested objects and
 * array items, where defaults are filled too; not into anyOf/oneOf branches, where they are not.
 */
export function defaultsOptional<T extends JsonSchema>(schema: T): T {
  const out: JsonSchema = { ...schema };
  if (isSchema(out.properties)) {
    const properties: Record<string, JsonSchema> = {};
    for (const [name, child] of Object.entries(out.properties)) {
      properties[name] = isSchema(child) ? defaultsOptional(child) : (child as JsonSchema);
    }
    out.properties = properties;
    if (Array.isArray(out.required)) {
      const required = out.required.filter((name) => !(isSchema(properties[name]) && 'default' in properties[name]));
      if (required.length > 0) out.required = required;
      else delete out.required;
    }
  }
  if (isSchema(out.items)) out.items = defaultsOptional(out.items);
  if (isSchema(out.additionalProperties)) out.additionalProperties = defaultsOptional(out.additionalProperties);
  return out as T;
}
