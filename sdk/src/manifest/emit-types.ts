import { compile } from 'json-schema-to-typescript';
import type { JsonSchema } from '../schema.js';
import type { Manifest } from './types.js';

/**
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
  return compile({ ...rest, title: name }, name, { bannerComment: '', additionalProperties: false, format: true });
}

function pascal(text: string): string {
  return text
    .split(/[^a-zA-Z0-9]+/)
    .filter(Boolean)
    .map((w) => w[0]?.toUpperCase() + w.slice(1))
    .join('');
}
