/**
 * `@mova/runtime/workflow-tools`: for editors and installers that read workflows without running
 * them: `uses` references, which inputs and outputs each connector step touches, built-in step names
 * and the `http_fetch` schemas, workflow inputs schemas and "did you mean" suggestions.
 */
export { BUILTIN_NAMES, type Builtin } from './builtins/builtins.js';
export { HttpFetchInput, HttpFetchOutput } from './builtins/http-fetch-schema.js';
export { closest } from './suggest.js';
export type { UsesPlan } from './workflow/check-uses.js';
export { inputsSchema, NO_INPUTS } from './workflow/types.js';
export { type ConnectorStepUsage, type InputField, type OutputRead, workflowUsage } from './workflow/usage.js';
export { parseUses, type UsesRef } from './workflow/uses.js';
