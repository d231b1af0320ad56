import { type Issue, MovaError, type MovaErrorCode, ValidationError } from '@mova/sdk/host';

/** One problem with a workflow: where it is (a JSON pointer into the file), what is wrong, what to do. */
export interface WorkflowIssue extends Issue {
  hint: string;
}

/** The workflow (or the inputs given to it) is invalid; nothing ran. */
export class WorkflowValidationError extends ValidationError {
  declare readonly issues: WorkflowIssue[];

  constructor(message: string, issues: WorkflowIssue[]) {
    super(message, issues, issues[0]?.hint);
  }
}

/**
 * Why a step failed. The connector kinds come from ConnectorError; the runtime adds its own.
 * `rate_limit`, `transient` and `timeout` are the ones a step's `retry` retries.
 */
export const ERROR_KINDS = [
  'auth',
  'rate_limit',
  'not_found',
  'invalid_input',
  'conflict',
  'transient',
  'unknown',
  'timeout',
  'expression',
  'invalid_output',
  'forbidden',
  'limit',
  'failed',
  'cancelled',
] as const;

export type ErrorKind = (typeof ERROR_KINDS)[number];

export const RETRYABLE_KINDS: ReadonlySet<ErrorKind> = new Set(['rate_limit', 'transient', 'timeout']);

/** What the run store and events keep about a failure: plain JSON, secrets already redacted. */
export interface StepErrorInfo {
  /** A stable code when the failure has one of its own (`E_CIRCUIT_OPEN`); `E_STEP` otherwise. */
  code?: string;
  kind: ErrorKind;
  message: string;
  hint?: string;
  /** The step that failed (its id) and where in the workflow file the failure is located. */
  step?: string;
  pointer?: string;
  status?: number;
  retryAfter?: number;
  /** `package@version` of the connector that failed, when one did. */
  connector?: string;
  actionKey?: string;
  issues?: Issue[];
}

/** A step failed at run time. Carries everything `StepErrorInfo` records. */
export class StepError extends MovaError {
  readonly kind: ErrorKind;
  readonly step?: string;
  readonly pointer?: string;
  readonly status?: number;
  readonly retryAfter?: number;
  readonly connector?: string;
  readonly actionKey?: string;
  readonly issues?: Issue[];
  /** Set when a ConnectorError said whether to retry; otherwise the kind decides. */
  readonly retryableOverride?: boolean;

  constructor(info: StepErrorInfo & { retryable?: boolean }, options?: ErrorOptions) {
    // Codes come from connectors and the runtime alike (`E_CIRCUIT_OPEN`); all follow the E_* form.
    super((info.code ?? 'E_STEP') as MovaErrorCode, info.message, info.hint, options);
    this.kind = info.kind;
    this.step = info.step;
    this.pointer = info.pointer;
    this.status = info.status;
    this.retryAfter = info.retryAfter;
    this.connector = info.connector;
    this.actionKey = info.actionKey;
    this.issues = info.issues;
    this.retryableOverride = info.retryable;
  }

  get retryable(): boolean {
    return this.retryableOverride ?? RETRYABLE_KINDS.has(this.kind);
  }

  /** The same failure, located at a step when it was not yet. */
  at(step: string, pointer: string): StepError {
    if (this.step !== undefined) return this;
    return new StepError(
      { ...this.info(), step, pointer: this.pointer ?? pointer, retryable: this.retryableOverride },
      { cause: this.cause },
    );
  }

  info(): StepErrorInfo {
    const info: StepErrorInfo = { kind: this.kind, message: this.message };
    if (this.code !== 'E_STEP') info.code = this.code;
    if (this.hint !== undefined) info.hint = this.hint;
    if (this.step !== undefined) info.step = this.step;
    if (this.pointer !== undefined) info.pointer = this.pointer;
    if (this.status !== undefined) info.status = this.status;
    if (this.retryAfter !== undefined) info.retryAfter = this.retryAfter;
    if (this.connector !== undefined) info.connector = this.connector;
    if (this.actionKey !== undefined) info.actionKey = this.actionKey;
    if (this.issues !== undefined) info.issues = this.issues;
    return info;
  }
}
