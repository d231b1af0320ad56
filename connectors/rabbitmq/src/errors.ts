import { type ConnectorError, type ConnectorErrorKind, errorMapping } from '@mova/sdk';

// AMQP 0-9-1 reply codes (spec section 1.2) as RabbitMQ uses them.
const REPLY_KINDS: Record<number, ConnectorErrorKind> = {
  311: 'invalid_input', // CONTENT_TOO_LARGE
  320: 'transient', // CONNECTION_FORCED: the broker is shutting down or an operator closed us
  402: 'invalid_input', // INVALID_PATH
  403: 'auth', // ACCESS_REFUSED
  404: 'not_found', // NOT_FOUND
  405: 'conflict', // RESOURCE_LOCKED: e.g. another connection's exclusive queue
  406: 'conflict', // PRECONDITION_FAILED: e.g. a redeclare with different properties
  530: 'auth', // NOT_ALLOWED: e.g. no access to the vhost
  540: 'invalid_input', // NOT_IMPLEMENTED
  541: 'transient', // INTERNAL_ERROR
};

const HINTS: Partial<Record<ConnectorErrorKind, string>> = {
  auth: 'Check the user name, password and vhost of the RabbitMQ connection, and that the user may access that vhost.',
  not_found: 'Check the queue or exchange name (and the vhost): the broker has no such object.',
  conflict:
    'The object exists with different properties (durable, arguments, type…); use the same ones or delete it first.',
  transient: 'RabbitMQ could not be reached or dropped the connection; check the host and port, then retry.',
};

/** amqplib failures as ConnectorErrors: by their AMQP reply code, or as transient when the socket failed. */
export const rabbitErrors = errorMapping({
  vendor: 'RabbitMQ',
  hints: { kinds: HINTS },
  read(error) {
    const message = error instanceof Error ? error.message : String(error);
    const status = replyCode(error, message);
    const errno = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
    return {
      status,
      // A socket error's errno code, which the mapping reads as transient.
      code: typeof errno === 'string' ? errno : undefined,
      kind: kindOf(error, message, status),
      vendorMessage: message,
      message: `RabbitMQ: ${message}`,
      cause: error,
    };
  },
});

/** Classifies an amqplib failure by its AMQP reply code, or as transient when the socket failed. */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  return rabbitErrors.toConnectorError(error, actionKey);
}

/** amqplib puts the code on `code` for channel errors, and only in the text for a refused handshake. */
function replyCode(error: unknown, message: string): number | undefined {
  if (typeof error === 'object' && error !== null && 'code' in error && typeof error.code === 'number') {
    return error.code;
  }
  const match = /\b(\d{3}) \([A-Z_-]+\)/.exec(message);
  return match ? Number(match[1]) : undefined;
}

/**
 * The kind by reply code (not an HTTP status: a code the table lacks is unknown), or by what the
 * message says; `undefined` leaves a socket failure to the mapping.
 */
function kindOf(error: unknown, message: string, status: number | undefined): ConnectorErrorKind | undefined {
  // RabbitMQ answers 406 both for "exists with other properties" and for a malformed argument.
  if (status === 406 && /invalid arg/i.test(message)) return 'invalid_input';
  if (status !== undefined) return REPLY_KINDS[status] ?? 'unknown';
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return 'transient';
  // RabbitMQ closes the handshake without a reason when the vhost is missing or the user may not use it.
  if (message.startsWith('Expected ConnectionOpenOk')) return 'auth';
  if (/^(Socket closed abruptly|connect ETIMEDOUT|Connection closed|Heartbeat timeout)/i.test(message)) {
    return 'transient';
  }
  return undefined;
}
