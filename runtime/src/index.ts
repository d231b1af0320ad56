/**
 * `@mova/runtime`: what running workflows needs. `createRuntime` and its options, the sources and
 * run stores it is given, connections, workflow parsing/validation and types, events and the errors
 * a run can throw. Tooling lives on subpaths: `./engine` (what `serve` hosts), `./lockfile`
 * (lockfiles, resolvers, integrity), `./sandbox` (connector hosts), `./audit`, `./store` (writing a
 * run store), `./workflow-tools` (reading workflows in editors and installers), `./postgres`,
 * `./sqlite`, `./queue`, `./registry` and `./testing`.
 */
export { CircuitOpenError } from './breaker/circuit-open-error.js';
export {
  type Connection,
  ConnectionError,
  type ConnectionProvider,
  chainConnections,
  connectionEnvName,
  connectionsFrom,
  envConnections,
  loadConnections,
} from './connections/connections.js';
export { REDACTED } from './connections/redact.js';
export {
  loadVaultConfig,
  type VaultAuth,
  type VaultOptions,
  type VaultSecretRef,
  vaultConnections,
} from './connections/vault.js';
export {
  ERROR_KINDS,
  type ErrorKind,
  RETRYABLE_KINDS,
  StepError,
  type StepErrorInfo,
  type WorkflowIssue,
  WorkflowValidationError,
} from './errors.js';
export type { RunEvent, StepRef } from './events.js';
export { ResumeError, type ResumeErrorCode } from './executor/resume.js';
export { DEFAULT_LIMITS, type Limits } from './limits.js';
export {
  createRuntime,
  type RunOptions,
  type RunOutcome,
  type RunResult,
  type Runtime,
  type RuntimeOptions,
  resumeRun,
  type WaitingRun,
} from './runtime.js';
export { SandboxError, type SandboxFailure } from './sandbox/errors.js';
export { ConnectorStore, type StoredConnector } from './sources/connector-store.js';
export { IntegrityError } from './sources/integrity.js';
export { LOCKFILE_NAME, LockfileError } from './sources/lockfile-error.js';
export { type RegistryConnector, RegistrySource, type RegistrySourceOptions } from './sources/registry-source.js';
export { ResolveError } from './sources/resolver.js';
export { type ConnectorPackage, type ConnectorSource, SourceError } from './sources/types.js';
export { WorkspaceSource } from './sources/workspace-source.js';
export { FileRunStore, type FileRunStoreOptions } from './store/file-run-store.js';
export type {
  ListRunsOptions,
  PruneOptions,
  PruneResult,
  RunRecord,
  RunStatus,
  RunStore,
  RunSummary,
  StepRecord,
  StepStatus,
} from './store/types.js';
export { parseWorkflow } from './workflow/parse.js';
export { WORKFLOW_SCHEMA_ID, workflowSchema } from './workflow/schema.js';
export type {
  BranchStep,
  ConnectionDeclaration,
  ConnectorTrigger,
  FailStep,
  ForEachLoop,
  JsonValue,
  ManualTrigger,
  ParallelStep,
  RepeatStep,
  RetryPolicy,
  ScheduleTrigger,
  SetStep,
  SignatureScheme,
  Step,
  StepKind,
  Trigger,
  TryStep,
  UsesStep,
  WaitStep,
  WebhookTrigger,
  WhileLoop,
  Workflow,
} from './workflow/types.js';
export {
  type ValidatedWorkflow,
  type ValidateOptions,
  type ValidationResult,
  validateWorkflow,
} from './workflow/validate.js';
