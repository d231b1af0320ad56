/** `@mova/runtime/store`: for writing a `RunStore` of your own and maintaining stores: the patch and owner types, retention. */
export type { QuarantineNote } from './quarantine.js';
export { parseAge, retentionCutoff } from './retention.js';
export type { ResumeInfo, RunConnector, RunOwner, RunPatch, StepPatch, WriteOptions } from './types.js';
