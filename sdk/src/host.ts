/**
 * `@mova/sdk/host`: what a host of connectors (the MOVA runtime) needs from the SDK, without the
 * authoring toolkit. The root entry brings TypeBox (~200 module files) through `Type` and `Auth`;
 * this one loads no TypeBox, and ajv only when a first schema is compiled, so a host that runs
 * steps without schemas starts without either.
 */
export type { ActionContext, LogLevel } from './context.js';
export { standaloneContext } from './context.js';
export { contractFor, type ManifestContract } from './contract.js';
export { type Connector, isConnector, type WebhookRequest, type WebhookTriggerDefinition } from './define.js';
export {
  ConnectorError,
  type ConnectorErrorKind,
  errorKindForStatus,
  formatIssue,
  type Issue,
  MovaError,
  type MovaErrorCode,
  ValidationError,
} from './errors.js';
export { MANIFEST_FILE, type Manifest, type ManifestAction, type ManifestTrigger } from './manifest/types.js';
export { validateManifest } from './manifest/validate.js';
export { dedupePoll, type PollState } from './poll.js';
export type { JsonSchema } from './schema.js';
export { compileSchema } from './validator.js';
