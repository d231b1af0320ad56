import { errors } from '@elastic/elasticsearch';
import { ConnectorError, type ConnectorErrorKind, errorMapping, type VendorFailure } from '@mova/sdk';

/** Elasticsearch error `type`s whose meaning is clearer than their HTTP status. */
const CODES: Record<string, ConnectorErrorKind> = {
  index_not_found_exception: 'not_found',
  document_missing_exception: 'not_found',
  resource_not_found_exception: 'not_found',
  version_conflict_engine_exception: 'conflict',
  resource_already_exists_exception: 'conflict',
  es_rejected_execution_exception: 'rate_limit',
  circuit_breaking_exception: 'rate_limit',
  security_exception: 'auth',
  product_not_supported: 'invalid_input',
  configuration_error: 'invalid_input',
  connection_error: 'transient',
  timeout: 'transient',
  no_living_connections: 'transient',
};

const HINTS: Record<string, string> = {
  index_not_found_exception: 'Check the index name; it must exist (or be created by a write).',
  document_missing_exception: 'No document has this id in the index; set upsert to create it.',
  version_conflict_engine_exception:
    'The document changed since it was read (ifSeqNo/ifPrimaryTerm) or already exists (opType create); read it again and retry.',
  resource_already_exists_exception: 'An index of this name exists already.',
  security_exception:
    'Check the API key or the user and password, and that they have the privileges this action needs.',
  product_not_supported:
    'The server at the connection\'s node is not Elasticsearch (it did not answer with "X-Elastic-Product: Elasticsearch"); OpenSearch needs its own client.',
  connection_error: 'Elasticsearch could not be reached; check the node URL (or Cloud ID) and that the cluster is up.',
};

/** What the client threw, as the SDK's error mapping reads failures. */
function read(error: unknown): VendorFailure | undefined {
  if (error instanceof errors.ResponseError) {
    const body = error.body;
    const cause = typeof body === 'object' && body !== null && 'error' in body ? body.error : undefined;
    const type = typeof cause === 'object' && cause !== null && 'type' in cause ? String(cause.type) : undefined;
    const reason = typeof cause === 'object' && cause !== null && 'reason' in cause ? String(cause.reason) : undefined;
    return {
      status: error.meta.statusCode,
      code: type,
      vendorMessage: reason ?? (typeof cause === 'string' ? cause : error.message),
      retryAfter: error.meta.headers?.['retry-after'],
      cause: error,
    };
  }
  if (error instanceof errors.ProductNotSupportedError) {
    return { code: 'product_not_supported', vendorMessage: error.message, cause: error };
  }
  if (error instanceof errors.ConfigurationError)
    return { code: 'configuration_error', vendorMessage: error.message, cause: error };
  if (error instanceof errors.TimeoutError) return { code: 'timeout', vendorMessage: error.message, cause: error };
  if (error instanceof errors.NoLivingConnectionsError) {
    return { code: 'no_living_connections', vendorMessage: error.message, cause: error };
  }
  // The transport wraps socket failures (refused, reset, TLS) in a ConnectionError with the message only.
  if (error instanceof errors.ConnectionError) {
    const tls = /certificate|self[- ]signed|CERT_|fingerprint/i.test(error.message);
    return { code: tls ? 'ERR_TLS_CERT' : 'connection_error', vendorMessage: error.message, cause: error };
  }
  return undefined;
}

export const elasticsearchErrors = errorMapping({
  vendor: 'Elasticsearch',
  read,
  codes: CODES,
  statuses: { 409: 'conflict' },
  hints: {
    codes: {
      ...HINTS,
      ERR_TLS_CERT: "Check caCertificate or caFingerprint: the cluster's certificate was not trusted.",
    },
  },
});

/**
 * Whether a call failed with this HTTP status and a body that `test` accepts: for answers that
 * are not failures to the step, such as 404 `found: false` for a missing document.
 */
export function answeredWith(
  error: unknown,
  status: number,
  test: (body: Record<string, unknown>) => boolean,
): boolean {
  const cause = error instanceof Error && !(error instanceof errors.ResponseError) ? error.cause : error;
  if (!(cause instanceof errors.ResponseError) || cause.meta.statusCode !== status) return false;
  const body: unknown = cause.body;
  return (
    typeof body === 'object' && body !== null && !Array.isArray(body) && test(Object.fromEntries(Object.entries(body)))
  );
}

/** The step's input cannot make a valid request. */
export function invalidInput(message: string, actionKey: string | undefined, hint?: string): ConnectorError {
  return new ConnectorError(message, { kind: 'invalid_input', actionKey }, hint);
}
