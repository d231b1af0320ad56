import { ConnectorError, type ConnectorErrorKind } from '@mova/sdk';

// Redis replies start with an upper-case error code (RESP "simple error" convention).
const REPLY_KINDS: Record<string, ConnectorErrorKind> = {
  NOAUTH: 'auth',
  WRONGPASS: 'auth',
  NOPERM: 'auth',
  WRONGTYPE: 'invalid_input',
  ERR: 'invalid_input',
  LOADING: 'transient',
  BUSY: 'transient',
  TRYAGAIN: 'transient',
  MASTERDOWN: 'transient',
  CLUSTERDOWN: 'transient',
  READONLY: 'transient',
};

const NETWORK_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ETIMEDOUT',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'EAI_AGAIN',
]);

const HINTS: Partial<Record<ConnectorErrorKind, string>> = {
  auth: 'Check the username and password of the Redis connection (and the ACL rules for this user).',
  transient: 'Redis could not be reached or is busy; check the host and port, then retry.',
};

/** Classifies an ioredis failure: Redis error replies by their code, socket failures as transient. */
export function toConnectorError(error: unknown, actionKey?: string): ConnectorError {
  if (error instanceof ConnectorError) return error;
  const message = error instanceof Error ? error.message : String(error);
  const kind = kindOf(error, message);
  return new ConnectorError(
    `Redis: ${message}`,
    { kind, vendorMessage: message, actionKey, cause: error },
    HINTS[kind],
  );
}

function kindOf(error: unknown, message: string): ConnectorErrorKind {
  if (error instanceof Error && error.name === 'ReplyError') {
    if (message.startsWith('ERR max number of clients')) return 'transient';
    const code = message.split(' ', 1)[0] ?? '';
    return REPLY_KINDS[code] ?? 'unknown';
  }
  if (typeof error === 'object' && error !== null && 'code' in error && NETWORK_CODES.has(String(error.code))) {
    return 'transient';
  }
  if (error instanceof Error && (error.name === 'AbortError' || error.name === 'TimeoutError')) return 'transient';
  // ioredis' own errors when the socket drops mid-call or a connect attempt times out.
  if (/^(Connection is closed|connect ETIMEDOUT|Stream isn't writeable)/.test(message)) return 'transient';
  if (error instanceof Error && error.name === 'MaxRetriesPerRequestError') return 'transient';
  return 'unknown';
}
