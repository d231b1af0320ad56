import { ConnectorError, type ConnectorErrorKind, errorKindForStatus } from './errors.js';
import { parseRetryAfter } from './retry-after.js';

/** What a connector reads off one vendor failure before it becomes a `ConnectorError`. */
export interface VendorFailure {
  /** The HTTP status, or the protocol's own numeric status (an AMQP reply code). */
  status?: number;
  /** The vendor's error code: `BlobNotFound`, `ER_DUP_ENTRY`, `missing_scope`, `23505`, `WRONGTYPE`. */
  code?: string | number;
  /** The vendor's own words, kept as they are for the run record. */
  vendorMessage?: string;
  /** `Retry-After` as sent (seconds or an HTTP date), or seconds the vendor SDK already parsed. */
  retryAfter?: string | number | null;
  /** The whole message, when the mapping's `Vendor answered 404 Code: words` does not fit. */
  message?: string;
  /** The kind, when the failure itself knows better than the tables. */
  kind?: ConnectorErrorKind;
  /** The hint, when the failure itself knows better than the tables. */
  hint?: string;
  /** What the vendor SDK threw; kept as the error's cause. */
  cause?: unknown;
}

export interface ErrorMappingOptions {
  /** How messages name the vendor: `Azure Blob Storage answered 404 BlobNotFound: …`. */
  vendor: string;
  /**
   * Reads a failure out of what the vendor SDK threw; `undefined` for anything that is not one
   * (then socket failures are still recognised, and the rest is the caller's to decide).
   * ConnectorErrors never reach it: they pass through, or through `refine`.
   */
  read?: (error: unknown) => VendorFailure | undefined;
  /**
   * Refines a ConnectorError already made, such as the SDK's HTTP client's (classified by status),
   * by the vendor's own error code in the body (`httpResponseOf(error)?.data`); `undefined` keeps it.
   */
  refine?: (error: ConnectorError) => VendorFailure | undefined;
  /** Vendor codes to kinds. Checked before the status. */
  codes?: Readonly<Record<string, ConnectorErrorKind>>;
  /** Statuses whose meaning for this vendor differs from `errorKindForStatus` (GitHub's 405: conflict). */
  statuses?: Readonly<Record<number, ConnectorErrorKind>>;
  /** The kind of a failure with neither a known code nor a status. Default `unknown`. */
  fallback?: ConnectorErrorKind;
  /** Hints by vendor code, then by status, then by kind; else `ConnectorError`'s own hint for the kind. */
  hints?: {
    codes?: Readonly<Record<string, string>>;
    statuses?: Readonly<Record<number, string>>;
    kinds?: Readonly<Partial<Record<ConnectorErrorKind, string>>>;
  };
  /** How codes compare, e.g. case- and underscore-blind for a vendor that spells them two ways. */
  normalizeCode?: (code: string) => string;
}

/** One vendor's failure table, applied the same way by every connector. */
export interface ErrorMapping {
  /**
   * The ConnectorError for a failure this mapping recognises (a ConnectorError, what `read`
   * reads, a socket failure), or `undefined`. A ConnectorError without an action key gets it.
   */
  from(error: unknown, actionKey?: string): ConnectorError | undefined;
  /** The ConnectorError for a failure read some other way (a save the vendor reported as unsuccessful). */
  fromFailure(failure: VendorFailure, actionKey?: string): ConnectorError;
  /** Like `from`, but anything unrecognised becomes an `unknown` ConnectorError too. */
  toConnectorError(error: unknown, actionKey?: string): ConnectorError;
  /**
   * Runs one vendor call; a failure leaves as `from` maps it, anything unrecognised (an abort of
   * the step, a bug) unchanged.
   */
  call<T>(actionKey: string | undefined, work: () => Promise<T>): Promise<T>;
  /** The kind the tables give a failure. */
  kindOf(failure: Pick<VendorFailure, 'status' | 'code' | 'kind'>): ConnectorErrorKind;
}

/**
 * A mapping from a vendor's failures to `ConnectorError`: the kind from a table of codes and
 * statuses, the status, the vendor's message, the action key, the cause and `retryAfter` kept.
 * @example
 * const storage = errorMapping({
 *   vendor: 'Azure Blob Storage',
 *   read: (error) => error instanceof RestError
 *     ? { status: error.statusCode, code: error.code, vendorMessage: error.message, retryAfter: error.response?.headers.get('retry-after'), cause: error }
 *     : undefined,
 *   codes: { BlobNotFound: 'not_found', ServerBusy: 'rate_limit' },
 *   hints: { codes: { BlobNotFound: 'Check the container and blob names.' } },
 * });
 * const blob = await storage.call(ctx.actionKey, () => client.getProperties());
 */
export function errorMapping(options: ErrorMappingOptions): ErrorMapping {
  const normalize = options.normalizeCode ?? ((code: string) => code);
  const codeKinds = normalizedTable(options.codes, normalize);
  const codeHints = normalizedTable(options.hints?.codes, normalize);
  const lookup = <V>(table: Map<string, V>, code: string | number | undefined) =>
    code === undefined ? undefined : table.get(normalize(String(code)));

  const kindOf: ErrorMapping['kindOf'] = (failure) =>
    failure.kind ??
    lookup(codeKinds, failure.code) ??
    socketKind(failure.code) ??
    (failure.status === undefined
      ? (options.fallback ?? 'unknown')
      : (options.statuses?.[failure.status] ?? errorKindForStatus(failure.status)));

  const build = (failure: VendorFailure, actionKey: string | undefined): ConnectorError => {
    const kind = kindOf(failure);
    const hint =
      failure.hint ??
      lookup(codeHints, failure.code) ??
      (failure.status === undefined ? undefined : options.hints?.statuses?.[failure.status]) ??
      options.hints?.kinds?.[kind];
    return new ConnectorError(
      failure.message ?? messageOf(options.vendor, failure),
      {
        kind,
        status: failure.status,
        vendorMessage: failure.vendorMessage,
        actionKey,
        retryAfter: parseRetryAfter(failure.retryAfter),
        cause: failure.cause,
      },
      hint,
    );
  };

  const from: ErrorMapping['from'] = (error, actionKey) => {
    if (error instanceof ConnectorError) {
      const refined = options.refine?.(error);
      return refined ? build(refined, actionKey ?? error.actionKey) : withActionKey(error, actionKey);
    }
    const failure = options.read?.(error) ?? socketFailure(options.vendor, error);
    return failure ? build(failure, actionKey) : undefined;
  };

  return {
    from,
    fromFailure: build,
    kindOf,
    toConnectorError(error, actionKey) {
      return (
        from(error, actionKey) ??
        build(
          {
            message: `${options.vendor} call failed: ${error instanceof Error ? error.message : String(error)}`,
            kind: 'unknown',
            cause: error,
          },
          actionKey,
        )
      );
    },
    async call(actionKey, work) {
      try {
        return await work();
      } catch (error) {
        throw from(error, actionKey) ?? error;
      }
    },
  };
}

/**
 * Socket-level failure codes (Node's errno names and undici's) that a later try can survive: the
 * connection was refused, reset, timed out or never resolved.
 */
export const NETWORK_ERROR_CODES: ReadonlySet<string> = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ECONNABORTED',
  'ETIMEDOUT',
  'EPIPE',
  'ENOTFOUND',
  'EAI_AGAIN',
  'ENETUNREACH',
  'EHOSTUNREACH',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
  'UND_ERR_CONNECT_TIMEOUT',
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
]);

// Node's TLS verification codes: the connection's TLS settings do not fit the server's certificate.
const TLS_CERTIFICATE = /CERT|SELF_SIGNED|UNABLE_TO_VERIFY|ERR_TLS/;

/**
 * The failure a socket error stands for: unreachable (`transient` by its errno code) or a
 * refused TLS certificate (`auth`); `undefined` for anything else. Looks one `cause` deep, where
 * undici and fetch keep the socket's error.
 */
export function socketFailure(vendor: string, error: unknown): VendorFailure | undefined {
  const code = errnoCode(error);
  if (code === undefined) return undefined;
  const vendorMessage = error instanceof Error ? error.message : String(error);
  switch (socketKind(code)) {
    case 'transient':
      return { code, message: `cannot reach ${vendor} (${code})`, vendorMessage, cause: error };
    case 'auth':
      return { code, message: `${vendor}'s TLS certificate was rejected (${code})`, vendorMessage, cause: error };
    default:
      return undefined;
  }
}

/** `transient` for a network failure code, `auth` for a refused TLS certificate. */
function socketKind(code: string | number | undefined): ConnectorErrorKind | undefined {
  if (typeof code !== 'string') return undefined;
  if (NETWORK_ERROR_CODES.has(code)) return 'transient';
  return TLS_CERTIFICATE.test(code) ? 'auth' : undefined;
}

/** The string `code` of an error, or of its cause (undici wraps socket errors). */
export function errnoCode(error: unknown): string | undefined {
  const own = codeOf(error);
  if (own !== undefined) return own;
  return error instanceof Error ? codeOf(error.cause) : undefined;
}

function codeOf(value: unknown): string | undefined {
  if (typeof value !== 'object' || value === null || !('code' in value)) return undefined;
  return typeof value.code === 'string' ? value.code : undefined;
}

/** `Vendor answered 404 Code: words`, `Vendor: words` without a status. */
function messageOf(vendor: string, failure: VendorFailure): string {
  const words = failure.vendorMessage ? `: ${failure.vendorMessage}` : '';
  if (failure.status === undefined) {
    return failure.vendorMessage ? `${vendor}${words}` : `${vendor} failed${failure.code ? ` (${failure.code})` : ''}`;
  }
  return `${vendor} answered ${failure.status}${failure.code === undefined ? '' : ` ${failure.code}`}${words}`;
}

function withActionKey(error: ConnectorError, actionKey: string | undefined): ConnectorError {
  // Errors raised while building a client or fetching a token do not know the action yet. A
  // subclass carries fields of its own that a copy would drop, so it stays as it is.
  if (error.actionKey || !actionKey || error.constructor !== ConnectorError) return error;
  return new ConnectorError(
    error.message,
    {
      kind: error.kind,
      status: error.status,
      vendorMessage: error.vendorMessage,
      actionKey,
      retryAfter: error.retryAfter,
      cause: error.cause,
    },
    error.hint,
  );
}

function normalizedTable<V>(
  table: Readonly<Record<string, V>> | undefined,
  normalize: (code: string) => string,
): Map<string, V> {
  return new Map(Object.entries(table ?? {}).map(([code, value]) => [normalize(code), value]));
}
