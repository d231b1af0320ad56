import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import type { JsonSchema } from '@mova/sdk';
import { docsRoot } from './paths.js';

export interface WorkflowSource {
  schema: JsonSchema;
  /** Where the schema was read from, for messages. */
  schemaFile: string;
  /** The runtime's hand-written reference (markdown). */
  reference: string;
  referenceFile: string;
}

const SCHEMA_EXPORT = '@mova/runtime/workflow.schema.json';
const REFERENCE = 'docs/workflow-reference.md';

/**
 * Reads the workflow schema the runtime publishes (its package export, so the docs show exactly
 * what `@mova/runtime/workflow.schema.json` serves) and its hand-written reference. A missing file
 * fails the build with what to run.
 */
export async function readWorkflowSource(from = docsRoot): Promise<WorkflowSource> {
  const require = createRequire(join(from, 'package.json'));
  const runtimeDir = dirname(require.resolve('@mova/runtime/package.json'));
  let schemaFile: string;
  try {
    schemaFile = require.resolve(SCHEMA_EXPORT);
  } catch (error) {
    throw new Error(
      `The workflow JSON Schema (${SCHEMA_EXPORT}) is missing: build the runtime first (\`pnpm build\` at the repository root).`,
      { cause: error },
    );
  }
  const schema = JSON.parse(await readFile(schemaFile, 'utf8')) as JsonSchema;
  if (typeof schema.$defs !== 'object' || schema.$defs === null) {
    throw new Error(`${schemaFile} has no $defs: the workflow pages are generated from its definitions.`);
  }
  const referenceFile = join(runtimeDir, REFERENCE);
  const reference = await readFile(referenceFile, 'utf8').catch((error: unknown) => {
    throw new Error(`The workflow reference ${referenceFile} is missing; the runtime package ships it.`, {
      cause: error,
    });
  });
  return { schema, schemaFile, reference, referenceFile };
}
