// Shared by the validator generator and the runtime: the ajv options the workflow schema is compiled
// with, and the hash that tells whether generated/workflow-validator.mjs matches the schema.
import { createHash } from 'node:crypto';

export const AJV_OPTIONS = { allErrors: true, verbose: true, strict: true, strictTypes: false, strictRequired: false };

/** sha256 of the schema file's JSON, re-serialised so formatting alone never makes it stale. */
export function schemaHash(text) {
  return createHash('sha256')
    .update(JSON.stringify(typeof text === 'string' ? JSON.parse(text) : text))
    .digest('base64url');
}
