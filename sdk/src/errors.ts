/**
 * Stable error codes: tools and tests match on these, never on message text. Other packages
 * (runtime, registry) add their own `E_*` codes.
 */
export type MovaErrorCode =
  | 'E_DEFINITION'
  | 'E_VALIDATION'
  | 'E_MANIFEST'
  | 'E_CONNECTOR'
  | 'E_UNKNOWN_ACTION'
  | 'E_UNKNOWN_TRIGGER'
  | 'E_HTTP_TIMEOUT'
  | `E_${Uppercase<string>}`;

export class MovaError extends Error {
  constructor(
    readonly code: MovaErrorCode,
    message: string,
    readonly hint?: string,
    options?: ErrorOptions,
  ) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** One problem found in a value or schema, located by a JSON pointer (RFC 6901). */
export interface Issue {
  pointer: string;
  message: string;
  hint?: string;
}

/** A value or document failed its schema; `issues` says where and why. */
export class ValidationError extends MovaError {
  constructor(
    message: string,
    readonly issues: Issue[],
    hint?: string,
  ) {
    super('E_VALIDATION', `${message}: ${issues.map(formatIssue).join('; ')}`, hint);
  }
}

/** A connector or manifest definition is wrong (caught at build, before anything runs). */
export class DefinitionError extends MovaError {
  constructor(
    message: string,
    readonly pointer: string,
    hint?: string,
  ) {
    super('E_DEFINITION', message, hint);
  }
}

export function formatIssue(issue: Issue): string {
  return `${issue.pointer || '/'} ${issue.message}`;
}

/**
 * How a vendor failure should be treated: the runtime retries `rate_limit` and `transient`,
 * and shows the others to the user as they are.
 */
export type ConnectorErrorKind =
  | 'auth'
  | 'rate_limit'
  | 'not_found'
  | 'invalid_input'
  | 'conflict'
  | 'transient'
  | 'unknown';

export interface ConnectorErrorDetails {
  kind: ConnectorErrorKind;
  status?: number;
  vendorMessage?: string;
  actionKey?: string;
  /** Seconds the vendor asked us to wait (429 Retry-After). */
  retryAfter?: number;
  cause?: unknown;
}

/** A vendor call failed. Keeps the HTTP status, the vendor's own message and the cause. */
export class ConnectorError extends MovaError {
  readonly kind: ConnectorErrorKind;
  readonly status?: number;
  readonly vendorMessage?: string;
  readonly actionKey?: string;
  readonly retryAfter?: number;

  constructor(message: string, details: ConnectorErrorDetails, hint?: string) {
    super('E_CONNECTOR', message, hint ?? hintFor(details.kind), { cause: details.cause });
    this.kind = details.kind;
    this.status = details.status;
    this.vendorMessage = details.vendorMessage;
    this.actionKey = details.actionKey;
    this.retryAfter = details.retryAfter;
  }

  get retryable(): boolean {
    return this.kind === 'rate_limit' || this.kind === 'transient';
  }

  toJSON(): Record<string, unknown> {
    return {
      code: this.code,
      kind: this.kind,
      message: this.message,
      status: this.status,
      vendorMessage: this.vendorMessage,
      actionKey: this.actionKey,
      retryAfter: this.retryAfter,
      hint: this.hint,
    };
  }
}

/** Maps an HTTP status to the kind the runtime acts on. */
export function errorKindForStatus(status: number): ConnectorErrorKind {
  if (status === 401 || status === 403) return 'auth';
  if (status === 404 || status === 410) return 'not_found';
  if (status === 409 || status === 412) return 'conflict';
  if (status === 429) return 'rate_limit';
  if (status === 400 || status === 422) return 'invalid_input';
  if (status === 408 || status >= 500) return 'transient';
  return 'unknown';
}

function hintFor(kind: ConnectorErrorKind): string | undefined {
  switch (kind) {
    case 'auth':
      return 'Check the connection: the credentials are missing, expired or lack the needed permission.';
    case 'rate_limit':
      return 'The service is rate limiting; retry later or lower the request rate.';
    case 'not_found':
      return 'Check the identifiers in the input: the service could not find what they name.';
    case 'invalid_input':
      return 'The service rejected the input; its message says which field.';
    case 'conflict':
      return 'The resource changed or already exists; fetch its current state and try again.';
    case 'transient':
      return 'A temporary failure; retrying usually helps.';
    default:
      return undefined;
  }
}
