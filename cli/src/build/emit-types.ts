import type { JsonSchema, Manifest } from '@mova/sdk';

/**
 * Emits TypeScript declarations (`mova-connector types`); it lives in the CLI so that
 * json-schema-to-typescript and the prettier it formats with stay out of every SDK install.
 * Emits TypeScript declarations for every action's input and output (and each trigger's items),
 * for code that calls a connector: `GithubIssuesCreateInput`, and an `Actions` map by key.
 */
export async function emitTypes(manifest: Manifest): Promise<string> {
  const prefix = pascal(manifest.name);
  const parts: string[] = [
    `// Types for ${manifest.package}@${manifest.version}, generated from mova.manifest.json.\n`,
  ];
  const map: string[] = [];
  for (const action of manifest.actions) {
    const base = prefix + pascal(action.key);
    parts.push(await declare(action.input, `${base}Input`));
    parts.push(await declare(action.output, `${base}Output`));
    map.push(`  ${JSON.stringify(action.key)}: { input: ${base}Input; output: ${base}Output };`);
  }
  for (const trigger of manifest.triggers) {
    const base = `${prefix + pascal(trigger.key)}Trigger`;
    parts.push(await declare(trigger.output, `${base}Item`));
  }
  parts.push(`export interface ${prefix}Actions {\n${map.join('\n')}\n}\n`);
  return parts.join('\n');
}

async function declare(schema: JsonSchema, name: string): Promise<string> {
  const { $schema: _ignored, ...rest } = schema;
  const plain = matchAllAsAdditional(rest) as JsonSchema;
  // Loaded here, not at the top: it brings a YAML parser, a $ref resolver and a formatter that every
  // other importer of the SDK (the CLI's `run`, each runtime) would pay for at start-up.
  const { compile } = await import('json-schema-to-typescript');
  return compile({ ...plain, title: name }, name, { bannerComment: '', additionalProperties: false, format: true });
}

const MATCH_ALL = new Set(['^(.*)$', '^.*$', '.*']);

/**
 * TypeBox writes a record as `patternProperties: { "^(.*)$": T }`; as `additionalProperties: T`
 * it means the same and becomes a plain index signature instead of a commented one.
 */
function matchAllAsAdditional(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(matchAllAsAdditional);
  if (typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) out[key] = matchAllAsAdditional(child);
  const patterns = out.patternProperties as Record<string, unknown> | undefined;
  const keys = patterns ? Object.keys(patterns) : [];
  const only = keys[0];
  if (
    patterns &&
    keys.length === 1 &&
    only !== undefined &&
    MATCH_ALL.has(only) &&
    out.additionalProperties === undefined
  ) {
    out.additionalProperties = patterns[only];
    delete out.patternProperties;
  }
  return out;
}

function pascal(text: string): string {
  return text
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}
