import type { JsonSchema } from '@mova/sdk';
import type { ErrorKind } from '../errors.js';

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A string that may hold `{{ }}` expressions. */
export type Template = string;

export const WORKFLOW_VERSION = '1.0';

/** The inputs schema of a workflow that declares none: an empty object, nothing else accepted. */
export const NO_INPUTS: JsonSchema = { type: 'object', properties: {}, additionalProperties: false };

/** The schema a workflow's inputs are checked against. */
export function inputsSchema(workflow: Workflow): JsonSchema {
  return workflow.inputs ?? NO_INPUTS;
}

/** A MOVA workflow 1.0 file. The JSON Schema is `workflowSchema`; the reference is docs/workflow-reference.md. */
export interface Workflow {
  $schema?: string;
  mova: typeof WORKFLOW_VERSION;
  name: string;
  description?: string;
  /** JSON Schema of the inputs object; a workflow without it takes no inputs (`NO_INPUTS`). */
  inputs?: JsonSchema;
  /** Environment variables expressions may read as `env.NAME`. */
  env?: string[];
  connections?: Record<string, ConnectionDeclaration>;
  /** What starts the workflow under `mova-connector serve`; without it, manual only. */
  trigger?: Trigger;
  /** How many runs of it `mova-connector serve` runs at once, and what happens to one more. */
  concurrency?: Concurrency;
  steps: Step[];
  /** What the run returns; without it, the last top-level step's output. */
  output?: JsonValue;
}

/** At most `limit` runs at once; at the limit a new run is queued (default), skipped, or cancels the oldest. */
export interface Concurrency {
  limit: number;
  onLimit?: 'queue' | 'skip' | 'cancel-older';
}

/** A workflow's trigger: exactly one kind. */
export type Trigger = ManualTrigger | WebhookTrigger | ScheduleTrigger | ConnectorTrigger;

export interface ManualTrigger {
  manual: Record<string, never>;
}

export type SignatureScheme = 'github' | 'stripe' | 'slack' | 'hmac';

export interface WebhookTrigger {
  webhook: {
    /** Under `/hooks/`, e.g. `github/push`. */
    path: string;
    /** Default `["POST"]`. */
    methods?: ('GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE')[];
    /** Default `accepted` (202 + run id at once). */
    respond?: 'accepted' | 'output';
    /** How long `respond: output` waits (default 30s). */
    timeout?: string;
    signature?: {
      scheme: SignatureScheme;
      /** A connection whose auth holds the secret in `secret`. */
      secret: string;
      /** Scheme `hmac` only (default `X-Signature`). */
      header?: string;
    };
  };
}

export interface ScheduleTrigger {
  schedule: {
    cron: string;
    /** IANA time zone (default UTC). */
    timezone?: string;
    /** Default `skip`. */
    missed?: 'skip' | 'once';
  };
}

export interface ConnectorTrigger {
  /** `github/issues.new@^1`: a connector's polling trigger, or a webhook trigger (`github/issues.opened@^1`) that serve subscribes. */
  uses: string;
  connection?: string;
  with?: { [key: string]: JsonValue };
  /** Poll interval of a polling trigger (default 1m). */
  every?: string;
}

export interface ConnectionDeclaration {
  /** `github` or `@acme/connector-crm`. */
  connector: string;
  description?: string;
}

export interface RetryPolicy {
  /** Tries in all, the first included. */
  attempts: number;
  backoff?: 'exponential' | 'fixed';
  delay?: string;
  max_delay?: string;
  jitter?: boolean;
}

interface StepBase {
  id: string;
  description?: string;
  /** Skips the step when false (on a branch step: picks `then` or `else`). */
  if?: boolean | Template;
  retry?: RetryPolicy;
  timeout?: string;
}

export interface UsesStep extends StepBase {
  uses: string;
  with?: { [key: string]: JsonValue } | Template;
  connection?: string;
}

export interface SetStep extends StepBase {
  set: JsonValue;
}

export interface BranchStep extends StepBase {
  if: boolean | Template;
  then: Step[];
  else?: Step[];
}

export interface ForEachLoop {
  for_each: JsonValue[] | Template;
  as?: string;
  index_as?: string;
}

export interface WhileLoop {
  while: boolean | Template;
  max_iterations?: number;
  index_as?: string;
}

export interface RepeatStep extends StepBase {
  repeat: ForEachLoop | WhileLoop;
  do: Step[];
}

export interface ParallelStep extends StepBase {
  parallel: { branches: Step[][] | Record<string, Step[]>; concurrency?: number };
}

export interface TryStep extends StepBase {
  try: Step[];
  catch: { kinds?: ErrorKind[]; as?: string; do: Step[] };
}

export interface WaitStep extends StepBase {
  wait: { duration: string };
}

export interface ApprovalStep extends StepBase {
  approval: {
    message: Template;
    timeout: string;
    onTimeout?: 'reject' | 'approve';
    approvers?: string[];
    /**
     * Steps run once the approval waits, before it can be decided by anyone who has not seen the
     * links: they read `approval.approveUrl`, `approval.rejectUrl`, `approval.message` and `approval.expiresAt`.
     */
    notify?: Step[];
  };
}

export interface FailStep extends StepBase {
  fail: { message: Template; kind?: ErrorKind };
}

export type Step =
  | UsesStep
  | SetStep
  | BranchStep
  | RepeatStep
  | ParallelStep
  | TryStep
  | WaitStep
  | ApprovalStep
  | FailStep;

export type StepKind = 'uses' | 'set' | 'branch' | 'repeat' | 'parallel' | 'try' | 'wait' | 'approval' | 'fail';
