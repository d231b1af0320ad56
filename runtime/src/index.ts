export {
  AUDIT_FILE,
  type AuditAction,
  type AuditEntry,
  AuditLog,
  type AuditPage,
  type AuditQuery,
  type AuditRecord,
  osUser,
  recordAudit,
} from './audit/audit-log.js';
export { Breakers, type CircuitBreakerOptions, callOutcome, DEFAULT_BREAKER } from './breaker/breakers.js';
export {
  type BreakerSettings,
  type BreakerSnapshot,
  type BreakerState,
  type CallOutcome,
  CircuitBreaker,
  type Permit,
} from './breaker/circuit-breaker.js';
export { CircuitOpenError } from './breaker/circuit-open-error.js';
export { hostAllowed } from './builtins/allow-hosts.js';
export { BUILTIN_NAMES, type Builtin } from './builtins/builtins.js';
export { HttpFetchInput, HttpFetchOutput } from './builtins/http-fetch-schema.js';
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
export { parseRateLimit, type RateLimit, RateLimiter } from './connections/rate-limit.js';
export { createRedactor, REDACTED, type Redactor } from './connections/redact.js';
export {
  loadVaultConfig,
  type VaultAuth,
  type VaultOptions,
  type VaultSecretRef,
  vaultConnections,
} from './connections/vault.js';
export { formatDuration, parseDuration } from './duration.js';
export { type Clock, systemClock } from './engine/clock.js';
export {
  type DecisionResult,
  Engine,
  type EngineOptions,
  EngineRefusal,
  ProjectError,
  type ProjectIssue,
  type RunDispatcher,
  type ServedWorkflow,
  type StartedRun,
  type TriggerKind,
  type WebhookRequest,
  type WebhookResponse,
} from './engine/engine.js';
export { engineHandler, type HandlerOptions } from './engine/http.js';
export { Schedule, type ScheduleOptions, type ScheduleState } from './engine/scheduler.js';
export { type SignatureCheck, signBody, verifySignature } from './engine/signature.js';
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
export type { PauseSupport, WaitingApproval, WaitingWait } from './executor/pause.js';
export { PinnedResolver, ResumeError, type ResumeErrorCode } from './executor/resume.js';
export { retryDelay } from './executor/retry.js';
export { TrustedInProcessHost } from './host/trusted-in-process-host.js';
export type { ConnectorHost, ConnectorTarget, InvokeOptions } from './host/types.js';
export { DEFAULT_LIMITS, DURABLE_MAX_WAIT_MS, type Limits } from './limits.js';
export { createMetrics, type EventLabels, type Metrics, type MetricsOptions } from './metrics/metrics.js';
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
export { type Isolation, SandboxHost, type SandboxHostOptions } from './sandbox/host.js';
export { hostRuleProblem } from './sandbox/host-rule.js';
export { ConnectorStore, type StoredConnector } from './sources/connector-store.js';
export { contentIntegrity, integrityHex } from './sources/integrity.js';
export { connectorShortName, findLocked, type LockedMatch, lockedRanges, lockRange } from './sources/lock-entries.js';
export { LockedResolver, type LockedResolverOptions } from './sources/locked-resolver.js';
export {
  checkLockfile,
  emptyLockfile,
  formatLockfile,
  LOCKFILE_NAME,
  LOCKFILE_VERSION,
  type LockedVersion,
  type Lockfile,
  LockfileError,
  parseLockfile,
  readLockfile,
  updateLockfile,
  writeLockfile,
} from './sources/lockfile.js';
export { type RegistryConnector, RegistrySource, type RegistrySourceOptions } from './sources/registry-source.js';
export { ResolveError, Resolver } from './sources/resolver.js';
export { IntegrityError, sha512Integrity } from './sources/tarball.js';
export { type ConnectorPackage, type ConnectorSource, SourceError } from './sources/types.js';
export { readTarballFiles, TARBALL_LIMITS, type TarballLimits } from './sources/untar.js';
export { WorkspaceSource } from './sources/workspace-source.js';
export { FileRunStore, type FileRunStoreOptions } from './store/file-run-store.js';
export type { QuarantineNote } from './store/quarantine.js';
export { parseAge, retentionCutoff } from './store/retention.js';
export type {
  ListRunsOptions,
  PruneOptions,
  PruneResult,
  ResumeInfo,
  RunConnector,
  RunOwner,
  RunPatch,
  RunRecord,
  RunStatus,
  RunStore,
  RunSummary,
  StepPatch,
  StepRecord,
  StepStatus,
} from './store/types.js';
export { closest } from './suggest.js';
export type { PollOptions, PollResult } from './triggers/poll.js';
export type { UsesPlan } from './workflow/check-uses.js';
export { parseWorkflow } from './workflow/parse.js';
export { WORKFLOW_SCHEMA_ID, workflowSchema } from './workflow/schema.js';
export {
  type BranchStep,
  type ConnectionDeclaration,
  type ConnectorTrigger,
  type FailStep,
  type ForEachLoop,
  inputsSchema,
  type JsonValue,
  type ManualTrigger,
  NO_INPUTS,
  type ParallelStep,
  type RepeatStep,
  type RetryPolicy,
  type ScheduleTrigger,
  type SetStep,
  type SignatureScheme,
  type Step,
  type StepKind,
  type Trigger,
  type TryStep,
  type UsesStep,
  type WaitStep,
  type WebhookTrigger,
  type WhileLoop,
  type Workflow,
} from './workflow/types.js';
export { type ConnectorStepUsage, type InputField, type OutputRead, workflowUsage } from './workflow/usage.js';
export { parseUses, type UsesRef } from './workflow/uses.js';
export {
  type ValidatedWorkflow,
  type ValidateOptions,
  type ValidationResult,
  validateWorkflow,
} from './workflow/validate.js';
