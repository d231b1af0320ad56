import { type ConnectorError, type ConnectorErrorKind, errorMapping } from '@mova/sdk';
import {
  BSON,
  MongoAPIError,
  MongoError,
  MongoNetworkError,
  MongoParseError,
  MongoServerError,
  MongoServerSelectionError,
} from 'mongodb';

// Server error codes (https://www.mongodb.com/docs/manual/reference/error-codes/).
const AUTH_CODES = new Set([
  13, // Unauthorized
  18, // AuthenticationFailed
  8000, // AtlasError: bad auth
]);
const CONFLICT_CODES = new Set([
  11000, // DuplicateKey
  11001, // DuplicateKey (legacy)
  12582, // DuplicateKey on a legacy index build
]);
const TRANSIENT_CODES = new Set([
  6, // HostUnreachable
  7, // HostNotFound
  50, // MaxTimeMSExpired
  89, // NetworkTimeout
  91, // ShutdownInProgress
  189, // PrimarySteppedDown
  262, // ExceededTimeLimit
  9001, // SocketException
  10107, // NotWritablePrimary
  11600, // InterruptedAtShutdown
  11602, // InterruptedDueToReplStateChange
  13435, // NotPrimaryNoSecondaryOk
  13436, // NotPrimaryOrSecondary
]);
const NOT_FOUND_CODES = new Set([
  26, // NamespaceNotFound
]);

const HINTS: Partial<Record<ConnectorErrorKind, string>> = {
  auth: 'Check the user, password and authSource in the connection string, and the user’s roles on this database.',
  conflict: 'A document with the same unique key (such as _id) already exists; change the key or update instead.',
  invalid_input:
    'MongoDB rejected the filter, update or pipeline; check the operators and Extended JSON values it names.',
  transient: 'MongoDB could not be reached in time; check the host in the connection string, then retry.',
};

/**
 * Driver failures as ConnectorErrors: server errors by code and labels, selection and network
 * failures as transient, and malformed input (connection string, Extended JSON, options) as
 * invalid input. The server's numeric code travels in `status`.
 */
export const mongoErrors = errorMapping({
  vendor: 'MongoDB',
  hints: { kinds: HINTS },
  read(error) {
    const message = error instanceof Error ? error.message : String(error);
    const code = error instanceof MongoError && typeof error.code === 'number' ? error.code : undefined;
    return { kind: kindOf(error), status: code, vendorMessage: message, message: `MongoDB: ${message}`, cause: error };
  },
});

/** Classifies a driver failure (see `mongoErrors`); a ConnectorError passes through. */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return mongoErrors.toConnectorError(error, actionKey);
}

function kindOf(error: unknown): ConnectorErrorKind {
  // MongoBulkWriteError (insertMany) is a MongoServerError carrying the first write error's code.
  if (error instanceof MongoServerError) {
    const code = typeof error.code === 'number' ? error.code : undefined;
    if (code === undefined) return 'unknown';
    if (AUTH_CODES.has(code)) return 'auth';
    if (CONFLICT_CODES.has(code)) return 'conflict';
    if (NOT_FOUND_CODES.has(code)) return 'not_found';
    if (TRANSIENT_CODES.has(code) || error.hasErrorLabel('RetryableWriteError')) return 'transient';
    // What is left is the server refusing the command itself: bad operators, stages, or values.
    return 'invalid_input';
  }
  if (error instanceof MongoServerSelectionError || error instanceof MongoNetworkError) return 'transient';
  if (error instanceof MongoParseError || error instanceof MongoAPIError || error instanceof BSON.BSONError) {
    return 'invalid_input';
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return 'transient';
  return 'unknown';
}
